#include "apps/intake-receiver/receiver_flags.h"

#include "core/command_line.h"
#include "core/file_util.h"

namespace intake::receiver_app {

const char kUsage[] =
    "usage: intake-receiver --listen HOST:PORT --inbox DIR --keys DIR --trust-store FILE\n"
    "         [--require-signed-requests] [--clock-skew-seconds N] [--no-verify]\n"
    "         [--tls-cert PEM --tls-key PEM] [--expire-hours N] [--quota-bytes N]\n"
    "         [--port-file FILE] [--paper-book FILE [--back-office NAME]]\n"
    "  --keys: the back office's key store (intake keys init --role back-office --name NAME)\n"
    "  --trust-store: enrolled workstations (intake keys enroll WS.json --trust-store FILE)\n"
    "  --paper-book: the paper receipt book; adds the paper form to the staff view\n"
    "    (http://127.0.0.1:PORT/staff/, this host only); --back-office: as registers name this\n"
    "    office (default: the key store's name)\n";


Result<ServeConfig> ParseServeFlags(std::vector<std::string> args) {
  ServeConfig c;
  std::string listen, inbox, keys, trust, cert, key, value;
  if (!TakeOption(args, "--listen", &listen)) return InvalidArgument("--listen HOST:PORT is required");
  if (!TakeOption(args, "--inbox", &inbox)) return InvalidArgument("--inbox DIR is required");
  if (!TakeOption(args, "--keys", &keys)) return InvalidArgument("--keys DIR is required");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return InvalidArgument("--listen must be HOST:PORT");
  c.options.http.host = listen.substr(0, colon);
  INTAKE_ASSIGN_OR_RETURN(int64_t port, ParseNonNegative("--listen port", listen.substr(colon + 1)));
  if (port > 65535) return InvalidArgument("--listen port must be below 65536");
  c.options.http.port = static_cast<uint16_t>(port);
  c.inbox = inbox;
  c.options.inbox = inbox;
  c.keys_dir = keys;
  if (TakeOption(args, "--trust-store", &trust)) c.options.trust_store = trust;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--require-signed-requests" || args[i] == "--no-verify") {
      if (args[i] == "--no-verify") c.options.verify_packages = false;
      else c.options.require_signed_requests = true;
      args.erase(args.begin() + static_cast<long>(i--));
    }
  }
  bool has_cert = TakeOption(args, "--tls-cert", &cert), has_key = TakeOption(args, "--tls-key", &key);
  if (has_cert != has_key) return InvalidArgument("--tls-cert and --tls-key go together");
  if (has_cert) {
    INTAKE_ASSIGN_OR_RETURN(c.options.http.tls_cert_pem, ReadFile(cert));
    INTAKE_ASSIGN_OR_RETURN(c.options.http.tls_key_pem, ReadFile(key));
  }
  if (TakeOption(args, "--expire-hours", &value)) {
    INTAKE_ASSIGN_OR_RETURN(int64_t hours, ParseNonNegative("--expire-hours", value));
    c.options.tus.expires_in_seconds = hours * 3600;
  }
  if (TakeOption(args, "--clock-skew-seconds", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.options.tus.clock_skew_tolerance_seconds, ParseNonNegative("--clock-skew-seconds", value));
  }
  if (TakeOption(args, "--quota-bytes", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.options.tus.storage_quota_bytes, ParseNonNegative("--quota-bytes", value));
  }
  if (TakeOption(args, "--port-file", &value)) c.port_file = value;
  if (TakeOption(args, "--paper-book", &value)) c.paper_book = value;
  if (TakeOption(args, "--back-office", &c.back_office) && c.paper_book.empty())
    return InvalidArgument("--back-office goes with --paper-book");
  if (!args.empty()) return InvalidArgument("unknown argument '" + args.front() + "'");
  return c;
}

Status WritePortFile(const std::filesystem::path& file, uint16_t port) {
  if (file.empty()) return Status::Ok();
  return WriteFileAtomic(file, std::to_string(port) + "\n");
}

}  // namespace intake::receiver_app
