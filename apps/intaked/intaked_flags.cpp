#include "apps/intaked/intaked_flags.h"

namespace intake {

const char kIntakedUsage[] =
    "usage: intaked [--config FILE] --once [--scan-file PAGE.pnm]...\n"
    "  --config FILE     the workstation configuration (default /etc/intake/workstation.json)\n"
    "  --once            open one case, scan a batch, recognise, seal and queue it, then exit\n"
    "  --scan-file PAGE  a page for the virtual pnm scanner (repeat; real scanners: omit)\n"
    "exit codes: 0 the case was queued; 1 a stage failed (message on stderr; pages captured\n"
    "before the failure stay in the case folder <spool>/cases/<id>/pages); 2 bad usage\n";

Result<IntakedFlags> ParseIntakedFlags(const std::vector<std::string>& args) {
  IntakedFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> Result<std::string> {
      if (i + 1 >= args.size()) return InvalidArgument(std::string(name) + " needs a value");
      return args[++i];
    };
    if (a == "--config") {
      INTAKE_ASSIGN_OR_RETURN(std::string v, value("--config"));
      flags.config = v;
    } else if (a == "--scan-file") {
      INTAKE_ASSIGN_OR_RETURN(std::string v, value("--scan-file"));
      flags.scan_files.push_back(v);
    } else if (a == "--once") {
      flags.once = true;
    } else {
      return InvalidArgument("unknown option " + a);
    }
  }
  if (!flags.once)
    return InvalidArgument("only --once is supported by this build (the kiosk and button loop "
                           "run from `intake kiosk`)");
  return flags;
}

}  // namespace intake
