#include "apps/intaked/intaked_flags.h"

#include "core/command_line.h"

namespace intake {

const char kIntakedUsage[] =
    "usage: intaked [--config FILE] [--kiosk [--listen 127.0.0.1:PORT]] [--case ID]\n"
    "       intaked [--config FILE] --once [--case ID [--no-scan]] [--scan-file PAGE]...\n"
    "  --config FILE     the workstation configuration (default /etc/intake/workstation.json)\n"
    "  (no --once)       run as the desk's daemon: scanner buttons and the watched folder feed\n"
    "                    the current case (kept across restarts), overdue paper and purge on a\n"
    "                    timer; SIGTERM/SIGINT stop it cleanly (docs/daemon.md)\n"
    "  --kiosk           also serve the kiosk screen and its API (loopback only)\n"
    "  --listen ADDR     the kiosk address (default: daemon.kiosk_listen, 127.0.0.1:8480)\n"
    "  --case ID         resume an open case (after a failed run) instead of opening a new one\n"
    "  --once            one case: scan a batch, recognise, seal and queue it, then exit\n"
    "  --no-scan         with --once --case: only recognise, seal and queue (pages are in)\n"
    "  --scan-file PAGE  a page for the virtual pnm scanner (repeat; real scanners: omit)\n"
    "exit codes: 0 done; 1 a stage failed (message on stderr; pages captured before the\n"
    "failure stay in <spool>/cases/<id>/pages: rerun with --once --case ID); 2 bad usage\n";

Result<IntakedFlags> ParseIntakedFlags(const std::vector<std::string>& input) {
  std::vector<std::string> args = input;
  IntakedFlags flags;
  std::string value;
  if (TakeOption(args, "--config", &value)) flags.config = value;
  if (TakeOption(args, "--case", &value)) flags.case_id = value;
  if (TakeOption(args, "--listen", &value)) flags.listen = value;
  for (const std::string& file : TakeRepeatedOption(args, "--scan-file"))
    flags.scan_files.push_back(file);
  flags.once = TakeFlag(args, "--once");
  flags.no_scan = TakeFlag(args, "--no-scan");
  flags.kiosk = TakeFlag(args, "--kiosk");
  if (!args.empty()) return InvalidArgument("unknown option " + args.front());
  if (flags.once && flags.kiosk) return InvalidArgument("--kiosk runs the daemon; drop --once");
  if (!flags.once && !flags.scan_files.empty())
    return InvalidArgument("--scan-file goes with --once");
  if (flags.no_scan && !(flags.once && flags.case_id))
    return InvalidArgument("--no-scan goes with --once --case ID");
  if (flags.listen && !flags.kiosk) return InvalidArgument("--listen goes with --kiosk");
  return flags;
}

}  // namespace intake
