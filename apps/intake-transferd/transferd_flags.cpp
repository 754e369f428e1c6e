#include "apps/intake-transferd/transferd_flags.h"

#include "core/command_line.h"

namespace intake::transferd_app {

const char kUsage[] =
    "usage: intake-transferd --spool DIR --receiver URL --keys DIR\n"
    "         [--ca PEM] [--proxy URL] [--max-rate BYTES_PER_S]\n"
    "         [--chunk-seconds S | --chunk BYTES]\n"
    "         [--no-checksum] [--retry-initial S] [--retry-max S] [--poll S]\n"
    "         [--retention-days N] [--once]\n"
    "  --keys: the workstation's key store with the trusted back office\n"
    "          (intake keys init --role workstation; intake keys trust BACK_OFFICE.json)\n"
    "  --chunk-seconds: size each PATCH to about S seconds of link time (default 4);\n"
    "  --chunk: fixed PATCH size instead\n";


Result<DaemonConfig> ParseFlags(std::vector<std::string> args) {
  DaemonConfig c;
  std::string spool, keys, value;
  if (!TakeOption(args, "--spool", &spool)) return InvalidArgument("--spool DIR is required");
  if (!TakeOption(args, "--receiver", &c.worker.receiver_url)) return InvalidArgument("--receiver URL is required");
  if (!TakeOption(args, "--keys", &keys)) return InvalidArgument("--keys DIR is required (the workstation's key store)");
  c.spool = spool;
  auto store = signing::KeyStore::Open(keys);
  if (!store.ok()) return store.status().WithContext("--keys " + keys);
  auto back_office = store->BackOffice();
  if (!back_office.ok())
    return back_office.status().WithContext(
        "no trusted back office in " + keys + " (run: intake keys trust BACK_OFFICE.json)");
  c.worker.back_office_key = back_office->sign_public;
  c.keys.emplace(std::move(*store));
  if (TakeOption(args, "--ca", &value)) c.worker.tus.transport.ca_file = value;
  if (TakeOption(args, "--proxy", &value)) c.worker.tus.transport.proxy = value;
  if (TakeOption(args, "--max-rate", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.tus.transport.max_send_bytes_per_second, ParseNonNegative("--max-rate", value));
  }
  if (TakeOption(args, "--chunk-seconds", &value)) {
    INTAKE_ASSIGN_OR_RETURN(int64_t seconds, ParseNonNegative("--chunk-seconds", value));
    if (seconds == 0) return InvalidArgument("--chunk-seconds must be positive (or use --chunk BYTES)");
    c.worker.tus.chunk_seconds = static_cast<double>(seconds);
  }
  if (TakeOption(args, "--chunk", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.tus.chunk_size, ParseNonNegative("--chunk", value));
    if (c.worker.tus.chunk_size == 0) return InvalidArgument("--chunk must be positive");
    c.worker.tus.chunk_seconds = 0;  // fixed size
  }
  if (TakeFlag(args, "--no-checksum")) c.worker.tus.use_checksum = false;
  if (TakeOption(args, "--retry-initial", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.backoff.initial_seconds, ParseNonNegative("--retry-initial", value));
  }
  if (TakeOption(args, "--retry-max", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.backoff.max_seconds, ParseNonNegative("--retry-max", value));
  }
  if (TakeOption(args, "--poll", &value)) {
    INTAKE_ASSIGN_OR_RETURN(int64_t poll, ParseNonNegative("--poll", value));
    c.poll_seconds = static_cast<int>(std::max<int64_t>(1, poll));
  }
  if (TakeOption(args, "--retention-days", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.retention_days, ParseNonNegative("--retention-days", value));
  }
  c.once = TakeFlag(args, "--once");
  if (!args.empty()) return InvalidArgument("unknown argument '" + args.front() + "'");
  return c;
}

}  // namespace intake::transferd_app
