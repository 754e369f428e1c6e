// IntakeDaemon: the long-running heart of intaked at a front desk.
//
// It keeps the operator's current case (CurrentCase, persisted in the spool: a restart
// resumes it) and feeds it from three sources — the scanner's buttons (capture::ButtonPoller,
// buttons mapped to scan profiles), a watched folder (capture::WatchedFolder: a network
// scanner's inbox) and requests from the kiosk screen — and on a timer runs housekeeping
// (delivery sync, overdue paper, purge after retention; housekeeping.h).
//
// One worker thread drives the CasePipeline; requests from other threads go through a queue,
// so a button press, an imported file and a kiosk click never touch the case at the same
// time. Requests return at once; the result shows in Snapshot().
//
// Nothing captured is lost: a scanner fault keeps the finished pages and the case stays
// current (the next batch appends to it); a failed seal keeps the case folder; Stop() cancels
// a batch in progress (its finished pages stay) and lets recognition or sealing finish.
//
// Thread safety: every public method may be called from any thread; Stop() also from the
// main thread after sigwait (not from a signal handler).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "workstation/case_pipeline.h"
#include "workstation/daemon_status.h"
#include "workstation/kiosk_login.h"
#include "workstation/workstation_config.h"

namespace intake {

struct DaemonOptions {
  bool poll_buttons = true;                // when buttons are mapped and button_poll_ms > 0
  bool watch_folder = true;                // when config.daemon.watch_dir is set
  std::optional<std::string> resume_case;  // --case ID: make this open case current
};

class IntakeDaemon {
 public:
  // Loads the profiles and the button map, opens the spool, resumes the current case, tries
  // the scanner (a missing scanner is shown, not fatal: files and the kiosk still work) and
  // starts the worker. Fails on bad configuration (the message names the field or file).
  static Result<std::unique_ptr<IntakeDaemon>> Start(const WorkstationConfig& config,
                                                     const DaemonOptions& options,
                                                     StageReporter reporter);
  ~IntakeDaemon();  // Stop() and join
  IntakeDaemon(const IntakeDaemon&) = delete;
  IntakeDaemon& operator=(const IntakeDaemon&) = delete;

  // Requests for the worker. kInvalidArgument for an unknown profile or case id,
  // kUnavailable when stopping or too many requests wait.
  Status RequestNewCase();
  Status RequestResume(const std::string& case_id);
  Status RequestScan(const std::string& profile);  // "" = the configured scanner settings
  Status RequestCheck();                           // recognise now, show field validity
  Status RequestFinish();                          // recognise + seal + queue
  // Ends the batch being scanned (its finished pages stay).
  void CancelScan();

  // Stops taking requests, cancels a batch in progress, lets the worker finish its current
  // step and returns once it has exited. Idempotent.
  void Stop();

  DaemonStatus Snapshot() const;

  // Who is logged in at the kiosk (kiosk_login.h). When login is required, a case is opened
  // only for a logged-in operator (their id goes into case.json) and a scanner-button scan
  // with nobody logged in is refused with a message on the screen.
  KioskLogin& login();

 private:
  class Worker;
  explicit IntakeDaemon(std::unique_ptr<Worker> worker);
  std::unique_ptr<Worker> worker_;
};

}  // namespace intake
