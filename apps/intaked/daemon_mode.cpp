// intaked as the desk's daemon (docs/daemon.md): IntakeDaemon + optional kiosk, until
// SIGTERM or SIGINT.
#include <signal.h>

#include <iostream>

#include "apps/intaked/intaked_modes.h"
#include "core/log.h"
#include "workstation/intake_daemon.h"
#include "workstation/kiosk_server.h"

namespace intake {

int RunDaemon(const IntakedFlags& flags, const WorkstationConfig& config) {
  // Every thread started from here on inherits the blocked set; only sigwait() below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  DaemonOptions options;
  options.resume_case = flags.case_id;
  auto print = [](const std::string& stage, const std::string& detail) {
    std::cout << "[" << stage << "] " << detail << std::endl;
  };
  auto daemon = IntakeDaemon::Start(config, options, print);
  if (!daemon.ok()) {
    std::cerr << "intaked: " << daemon.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<KioskServer> kiosk;
  if (flags.kiosk) {
    auto started = KioskServer::Start(**daemon, flags.listen.value_or(config.daemon.kiosk_listen));
    if (!started.ok()) {
      std::cerr << "intaked: kiosk: " << started.status().message() << "\n";
      return 1;
    }
    kiosk = std::move(started).value();
    std::cout << "[kiosk] http://127.0.0.1:" << kiosk->port() << "/" << std::endl;
  }
  std::cout << "[daemon] running (workstation " << config.workstation_id << ")" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  LogInfo("daemon", std::string("stopping on ") + (signal_number == SIGTERM ? "SIGTERM" : "SIGINT"));
  kiosk.reset();        // no new requests
  (*daemon)->Stop();    // a batch in progress is cancelled; finished pages stay
  DaemonStatus last = (*daemon)->Snapshot();
  std::cout << "[daemon] stopped"
            << (last.case_id.empty() ? std::string()
                                     : "; case " + last.case_id + " stays open with " +
                                           std::to_string(last.pages) + " pages")
            << std::endl;
  return 0;
}

}  // namespace intake
