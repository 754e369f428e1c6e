#include "apps/intake-receiver/receiver_flags.h"

#include <iostream>

#include "core/file_util.h"
#include "transfer/ed25519.h"
#include "transfer/trust_store.h"

namespace intake::receiver_app {

const char kUsage[] =
    "usage: intake-receiver --listen HOST:PORT --inbox DIR --keys DIR [--trust DIR]\n"
    "         [--tls-cert PEM --tls-key PEM] [--expire-hours N] [--port-file FILE]\n"
    "         [--clock-skew-seconds N] [--quota-bytes N]\n"
    "       intake-receiver keygen --keys DIR\n"
    "       intake-receiver enroll --trust DIR WORKSTATION_KEY.pub\n"
    "       intake-receiver revoke --trust DIR KEY_ID [--reason TEXT]\n";

namespace {

bool Take(std::vector<std::string>& args, const std::string& flag, std::string* value) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) {
      *value = args[i + 1];
      args.erase(args.begin() + i, args.begin() + i + 2);
      return true;
    }
    if (args[i].rfind(flag + "=", 0) == 0) {
      *value = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + i);
      return true;
    }
  }
  return false;
}

Result<int64_t> Number(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    long long v = std::stoll(text, &used);
    if (used == text.size() && v >= 0) return static_cast<int64_t>(v);
  } catch (...) {
  }
  return InvalidArgument(flag + " needs a non-negative number, got '" + text + "'");
}

}  // namespace

Result<ServeConfig> ParseServeFlags(std::vector<std::string> args) {
  ServeConfig c;
  std::string listen, inbox, keys, trust, cert, key, value;
  if (!Take(args, "--listen", &listen)) return InvalidArgument("--listen HOST:PORT is required");
  if (!Take(args, "--inbox", &inbox)) return InvalidArgument("--inbox DIR is required");
  if (!Take(args, "--keys", &keys)) return InvalidArgument("--keys DIR is required");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return InvalidArgument("--listen must be HOST:PORT");
  c.options.http.host = listen.substr(0, colon);
  INTAKE_ASSIGN_OR_RETURN(int64_t port, Number("--listen port", listen.substr(colon + 1)));
  if (port > 65535) return InvalidArgument("--listen port must be below 65536");
  c.options.http.port = static_cast<uint16_t>(port);
  c.inbox = inbox;
  c.options.inbox = inbox;
  c.keys_dir = keys;
  if (Take(args, "--trust", &trust)) c.options.trust_dir = trust;
  bool has_cert = Take(args, "--tls-cert", &cert), has_key = Take(args, "--tls-key", &key);
  if (has_cert != has_key) return InvalidArgument("--tls-cert and --tls-key go together");
  if (has_cert) {
    INTAKE_ASSIGN_OR_RETURN(c.options.http.tls_cert_pem, ReadFile(cert));
    INTAKE_ASSIGN_OR_RETURN(c.options.http.tls_key_pem, ReadFile(key));
  }
  if (Take(args, "--expire-hours", &value)) {
    INTAKE_ASSIGN_OR_RETURN(int64_t hours, Number("--expire-hours", value));
    c.options.tus.expires_in_seconds = hours * 3600;
  }
  if (Take(args, "--clock-skew-seconds", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.options.tus.clock_skew_tolerance_seconds, Number("--clock-skew-seconds", value));
  }
  if (Take(args, "--quota-bytes", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.options.tus.storage_quota_bytes, Number("--quota-bytes", value));
  }
  if (Take(args, "--port-file", &value)) c.port_file = value;
  if (!args.empty()) return InvalidArgument("unknown argument '" + args.front() + "'");
  return c;
}

Status WritePortFile(const std::filesystem::path& file, uint16_t port) {
  if (file.empty()) return Status::Ok();
  return WriteFileAtomic(file, std::to_string(port) + "\n");
}

int RunAdminCommand(std::vector<std::string> args) {
  std::string command = args.front();
  args.erase(args.begin());
  std::string keys, trust, reason = "revoked by back-office staff";
  if (command == "keygen") {
    if (!Take(args, "--keys", &keys)) {
      std::cerr << kUsage;
      return 2;
    }
    if (std::filesystem::exists(std::filesystem::path(keys) / "receipt.key")) {
      std::cerr << "intake-receiver: " << keys << "/receipt.key exists; not overwriting it\n";
      return 1;
    }
    auto key = transfer::SigningKey::Generate();
    Status saved = key.ok() ? key->Save(keys, "receipt") : key.status();
    if (!saved.ok()) {
      std::cerr << "intake-receiver: " << saved.message() << "\n";
      return 1;
    }
    std::cout << "receipt key " << key->key_id() << ": give " << keys
              << "/receipt.pub to the workstations (intake-transferd --receipt-key)\n";
    return 0;
  }
  if ((command == "enroll" || command == "revoke") && Take(args, "--trust", &trust) &&
      args.size() >= 1) {
    Take(args, "--reason", &reason);
    auto store = transfer::TrustStore::Open(trust);
    if (!store.ok()) {
      std::cerr << "intake-receiver: " << store.status().message() << "\n";
      return 1;
    }
    if (command == "enroll") {
      auto key = transfer::LoadPublicKeyFile(args[0]);
      auto id = key.ok() ? (*store)->Enroll(*key) : Result<std::string>(key.status());
      if (!id.ok()) {
        std::cerr << "intake-receiver: " << id.status().message() << "\n";
        return 1;
      }
      std::cout << "enrolled workstation key " << *id << "\n";
      return 0;
    }
    Status revoked = (*store)->Revoke(args[0], reason);
    if (!revoked.ok()) {
      std::cerr << "intake-receiver: " << revoked.message() << "\n";
      return 1;
    }
    std::cout << "revoked workstation key " << args[0] << "\n";
    return 0;
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace intake::receiver_app
