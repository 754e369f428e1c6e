#include "apps/intake-receiver/receiver_flags.h"


#include "core/file_util.h"

namespace intake::receiver_app {

const char kUsage[] =
    "usage: intake-receiver --listen HOST:PORT --inbox DIR --keys DIR --trust-store FILE\n"
    "         [--require-signed-requests] [--clock-skew-seconds N] [--no-verify]\n"
    "         [--tls-cert PEM --tls-key PEM] [--expire-hours N] [--quota-bytes N]\n"
    "         [--port-file FILE]\n"
    "  --keys: the back office's key store (intake keys init --role back-office --name NAME)\n"
    "  --trust-store: enrolled workstations (intake keys enroll WS.json --trust-store FILE)\n";

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
  if (Take(args, "--trust-store", &trust)) c.options.trust_store = trust;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--require-signed-requests" || args[i] == "--no-verify") {
      if (args[i] == "--no-verify") c.options.verify_packages = false;
      else c.options.require_signed_requests = true;
      args.erase(args.begin() + static_cast<long>(i--));
    }
  }
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

}  // namespace intake::receiver_app
