#include "apps/intake-transferd/transferd_flags.h"

namespace intake::transferd_app {

const char kUsage[] =
    "usage: intake-transferd --spool DIR --receiver URL --keys DIR\n"
    "         [--ca PEM] [--proxy URL] [--max-rate BYTES_PER_S] [--chunk BYTES]\n"
    "         [--no-checksum] [--retry-initial S] [--retry-max S] [--poll S]\n"
    "         [--retention-days N] [--once]\n"
    "  --keys: the workstation's key store with the trusted back office\n"
    "          (intake keys init --role workstation; intake keys trust BACK_OFFICE.json)\n";

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

bool TakeFlag(std::vector<std::string>& args, const std::string& flag) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag) {
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

Result<DaemonConfig> ParseFlags(std::vector<std::string> args) {
  DaemonConfig c;
  std::string spool, keys, value;
  if (!Take(args, "--spool", &spool)) return InvalidArgument("--spool DIR is required");
  if (!Take(args, "--receiver", &c.worker.receiver_url)) return InvalidArgument("--receiver URL is required");
  if (!Take(args, "--keys", &keys)) return InvalidArgument("--keys DIR is required (the workstation's key store)");
  c.spool = spool;
  auto store = signing::KeyStore::Open(keys);
  if (!store.ok()) return store.status().WithContext("--keys " + keys);
  auto back_office = store->BackOffice();
  if (!back_office.ok())
    return back_office.status().WithContext(
        "no trusted back office in " + keys + " (run: intake keys trust BACK_OFFICE.json)");
  c.worker.back_office_key = back_office->sign_public;
  c.keys.emplace(std::move(*store));
  if (Take(args, "--ca", &value)) c.worker.tus.transport.ca_file = value;
  if (Take(args, "--proxy", &value)) c.worker.tus.transport.proxy = value;
  if (Take(args, "--max-rate", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.tus.transport.max_send_bytes_per_second, Number("--max-rate", value));
  }
  if (Take(args, "--chunk", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.tus.chunk_size, Number("--chunk", value));
    if (c.worker.tus.chunk_size == 0) return InvalidArgument("--chunk must be positive");
  }
  if (TakeFlag(args, "--no-checksum")) c.worker.tus.use_checksum = false;
  if (Take(args, "--retry-initial", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.backoff.initial_seconds, Number("--retry-initial", value));
  }
  if (Take(args, "--retry-max", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.worker.backoff.max_seconds, Number("--retry-max", value));
  }
  if (Take(args, "--poll", &value)) {
    INTAKE_ASSIGN_OR_RETURN(int64_t poll, Number("--poll", value));
    c.poll_seconds = static_cast<int>(std::max<int64_t>(1, poll));
  }
  if (Take(args, "--retention-days", &value)) {
    INTAKE_ASSIGN_OR_RETURN(c.retention_days, Number("--retention-days", value));
  }
  c.once = TakeFlag(args, "--once");
  if (!args.empty()) return InvalidArgument("unknown argument '" + args.front() + "'");
  return c;
}

}  // namespace intake::transferd_app
