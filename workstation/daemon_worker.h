// Internal to IntakeDaemon (intake_daemon.h): the worker thread, its request queue and the
// status it publishes. daemon_worker.cpp holds the loop and the queue, daemon_steps.cpp what
// each request and each tick does to the case.
//
// Thread safety: Post*/Stop/Snapshot/CancelScan from any thread; every other member runs on
// the worker thread only.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "capture/scan_profile.h"
#include "workstation/current_case.h"
#include "workstation/intake_daemon.h"

namespace intake {

namespace capture {
class ButtonPoller;
class WatchedFolder;
struct FolderImportOutcome;
}  // namespace capture

class CurrentCaseSink;
class DeskScanner;

class IntakeDaemon::Worker {
 public:
  enum class Kind { kNewCase, kResume, kScan, kCheck, kFinish };
  struct Request {
    Kind kind;
    std::string argument;  // profile name or case id
  };

  Worker(WorkstationConfig config, DaemonOptions options, StageReporter reporter);
  ~Worker();

  Status Prepare();  // before the thread starts: profiles, spool, current case, scanner
  void StartThread();
  Status Post(Request request);
  void CancelScan();
  void Stop();
  DaemonStatus Snapshot() const;
  const std::vector<capture::ScanProfile>& profiles() const { return profiles_; }
  KioskLogin& login() { return login_; }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxPending = 8;

  void Loop();
  void Execute(const Request& request);
  void Tick();

  // Steps (daemon_steps.cpp), worker thread only.
  void NewCase();
  void Resume(const std::string& case_id);
  void Scan(const std::string& profile_name, const std::string& trigger);
  void Check();
  void Finish();
  void PollButtons();
  void ImportFolder();
  void Housekeeping();
  Result<std::string> EnsureCase();          // the current case, opened on demand
  Result<std::string> OpeningOperator();     // "" (no login configured) or the logged-in id
  Status EnsureScanner();
  Status OpenFolder();
  void OnImport(const capture::FolderImportOutcome& outcome);
  void RefreshCase();                        // pages, flags, open cases from disk
  void RefreshQueue();

  // Status updates (lock the status mutex).
  template <typename Fn>
  void Update(Fn&& fn) {
    std::lock_guard<std::mutex> lock(status_mutex_);
    fn(status_);
    ++status_.revision;
  }
  void SetActivity(const std::string& activity);
  void Fault(const std::string& message_uk, const Status& cause);
  void Done(const std::string& message_uk);

  WorkstationConfig config_;
  DaemonOptions options_;
  StageReporter report_;
  KioskLogin login_;  // thread-safe itself
  std::vector<capture::ScanProfile> profiles_;
  std::map<std::string, std::string> buttons_;

  // Worker-thread state.
  std::unique_ptr<CasePipeline> pipeline_;
  CurrentCase current_;
  std::unique_ptr<capture::ButtonPoller> poller_;
  bool buttons_enabled_ = false;
  std::string last_button_error_;
  std::unique_ptr<CurrentCaseSink> sink_;
  std::unique_ptr<capture::WatchedFolder> folder_;
  std::string last_folder_error_;
  Clock::time_point next_housekeeping_{};
  Clock::time_point next_button_poll_{};
  std::string last_overdue_line_;
  Clock::time_point next_overdue_log_{};

  // Shared with other threads.
  mutable std::mutex queue_mutex_;
  std::condition_variable wake_;
  std::deque<Request> queue_;
  bool stopping_ = false;
  std::atomic<bool> exited_{false};  // the worker left its loop
  std::thread thread_;
  std::mutex scanner_mutex_;
  DeskScanner* scanner_ = nullptr;  // owned by pipeline_; set once opened
  mutable std::mutex status_mutex_;
  DaemonStatus status_;
};

}  // namespace intake
