#include "workstation/daemon_worker.h"

#include <algorithm>

#include "capture/button_poller.h"
#include "capture/watched_folder.h"
#include "core/file_util.h"
#include "core/log.h"
#include "workstation/case_id.h"
#include "workstation/current_case_sink.h"
#include "workstation/desk_scanner.h"

namespace intake {

IntakeDaemon::Worker::Worker(WorkstationConfig config, DaemonOptions options,
                             StageReporter reporter)
    : config_(std::move(config)),
      options_(std::move(options)),
      report_(std::move(reporter)),
      login_(config_.operators, std::chrono::seconds(config_.daemon.login_idle_s)),
      current_(config_.spool_dir) {
  if (!report_) report_ = [](const std::string&, const std::string&) {};
  status_.workstation_id = config_.workstation_id;
}

IntakeDaemon::Worker::~Worker() {
  Stop();
  // Members that borrow others go first: the folder borrows the sink, the poller the session.
  folder_.reset();
  sink_.reset();
  poller_.reset();
  pipeline_.reset();
}

// Profiles and buttons: from daemon.profiles_file when set, else the built-in profiles and
// daemon.buttons. Every button must name a profile.
static Status LoadProfilesAndButtons(const WorkstationConfig& config,
                                     std::vector<capture::ScanProfile>* profiles,
                                     std::map<std::string, std::string>* buttons) {
  if (!config.daemon.profiles_file.empty()) {
    auto text = ReadFile(config.daemon.profiles_file);
    if (!text.ok()) return text.status().WithContext("daemon.profiles_file");
    auto parsed = capture::ParseProfiles(*text);
    if (!parsed.ok()) return parsed.status().WithContext(config.daemon.profiles_file.string());
    *profiles = std::move(parsed).value();
    auto mapped = capture::ParseButtonProfiles(*text, *profiles);
    if (!mapped.ok()) return mapped.status().WithContext(config.daemon.profiles_file.string());
    *buttons = std::move(mapped).value();
  } else {
    *profiles = capture::DefaultProfiles();
  }
  for (const auto& [button, profile] : config.daemon.buttons) {
    if (!capture::FindProfile(*profiles, profile))
      return InvalidArgument("daemon.buttons: button '" + button + "' names profile '" + profile +
                             "', which is not defined (see daemon.profiles_file)");
    (*buttons)[button] = profile;
  }
  const std::string& watch = config.daemon.watch_profile;
  if (!watch.empty() && !capture::FindProfile(*profiles, watch))
    return InvalidArgument("daemon.watch_profile names profile '" + watch +
                           "', which is not defined (see daemon.profiles_file)");
  return Status::Ok();
}

Status IntakeDaemon::Worker::Prepare() {
  INTAKE_RETURN_IF_ERROR(LoadProfilesAndButtons(config_, &profiles_, &buttons_));
  for (const auto& p : profiles_) status_.profiles.push_back(p.name);
  // The pipeline's stage lines also move the activity the kiosk shows.
  auto reporter = [this](const std::string& stage, const std::string& detail) {
    if (stage == "ocr") SetActivity("recognising");
    if (stage == "seal" || stage == "paper" || stage == "encrypt" || stage == "queue")
      SetActivity("sealing");
    report_(stage, detail);
  };
  INTAKE_ASSIGN_OR_RETURN(pipeline_, CasePipeline::Open(config_, reporter));
  INTAKE_ASSIGN_OR_RETURN(auto loaded, current_.Load());
  if (options_.resume_case) {
    INTAKE_RETURN_IF_ERROR(pipeline_->ResumeCase(*options_.resume_case));
    INTAKE_RETURN_IF_ERROR(current_.Set(*options_.resume_case));
  }
  if (current_.id()) report_("case", "current case " + *current_.id() + " resumed");
  Status scanner = EnsureScanner();
  if (!scanner.ok()) {
    Fault("Сканер недоступний. Перевірте кабель і живлення сканера; файли з теки сканування "
          "приймаються й далі.",
          scanner);
  }
  buttons_enabled_ = options_.poll_buttons && config_.daemon.button_poll_ms > 0 && !buttons_.empty();
  if (options_.watch_folder && !config_.daemon.watch_dir.empty())
    INTAKE_RETURN_IF_ERROR(OpenFolder());
  RefreshCase();
  return Status::Ok();
}

void IntakeDaemon::Worker::StartThread() { thread_ = std::thread([this] { Loop(); }); }

Status IntakeDaemon::Worker::Post(Request request) {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (stopping_) return Unavailable("intaked is stopping");
    if (queue_.size() >= kMaxPending)
      return Unavailable("too many requests are waiting; try again when the current one is done");
    queue_.push_back(std::move(request));
    std::lock_guard<std::mutex> status_lock(status_mutex_);
    status_.pending_requests = static_cast<int>(queue_.size());
    ++status_.revision;
  }
  wake_.notify_one();
  return Status::Ok();
}

void IntakeDaemon::Worker::CancelScan() {
  std::lock_guard<std::mutex> lock(scanner_mutex_);
  if (scanner_) scanner_->Cancel();
}

void IntakeDaemon::Worker::Stop() {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (!thread_.joinable() || thread_.get_id() == std::this_thread::get_id()) return;
  // A batch in progress ends; its finished pages stay. The cancel is repeated until the worker
  // is out: a cancel that lands between two pages is forgotten by the next sane_start (the
  // backend starts the new page afresh), so one call is not enough.
  while (!exited_) {
    {
      std::lock_guard<std::mutex> lock(scanner_mutex_);
      if (scanner_) scanner_->Shutdown();
    }
    std::unique_lock<std::mutex> lock(queue_mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return exited_.load(); });
  }
  thread_.join();
}

DaemonStatus IntakeDaemon::Worker::Snapshot() const {
  DaemonStatus snapshot;
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    snapshot = status_;
  }
  KioskLogin& login = const_cast<KioskLogin&>(login_);  // Current() may end an idle session
  snapshot.login_required = login.required();
  snapshot.operators = login.operators();
  if (auto who = login.Current()) snapshot.logged_in = *who;
  return snapshot;
}

void IntakeDaemon::Worker::Loop() {
  const auto tick = std::chrono::milliseconds(
      std::clamp(config_.daemon.button_poll_ms > 0 ? config_.daemon.button_poll_ms : 500, 50, 500));
  while (true) {
    std::optional<Request> request;
    {
      std::unique_lock<std::mutex> lock(queue_mutex_);
      wake_.wait_for(lock, tick, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      if (!queue_.empty()) {
        request = std::move(queue_.front());
        queue_.pop_front();
        std::lock_guard<std::mutex> status_lock(status_mutex_);
        status_.pending_requests = static_cast<int>(queue_.size());
      }
    }
    if (request) {
      Execute(*request);
    } else {
      Tick();
    }
  }
  size_t dropped = 0;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    dropped = queue_.size();
    queue_.clear();
  }
  if (dropped) LogInfo("daemon", std::to_string(dropped) + " waiting request(s) dropped at stop");
  if (sink_) sink_->Release();
  if (pipeline_) pipeline_->ReleaseScanner();
  LogInfo("daemon", current_.id() ? "stopped; case " + *current_.id() + " stays open"
                                  : "stopped; no case open");
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    exited_ = true;
  }
  wake_.notify_all();
}

void IntakeDaemon::Worker::Execute(const Request& request) {
  switch (request.kind) {
    case Kind::kNewCase: NewCase(); break;
    case Kind::kResume: Resume(request.argument); break;
    case Kind::kScan: Scan(request.argument, "kiosk"); break;
    case Kind::kCheck: Check(); break;
    case Kind::kFinish: Finish(); break;
  }
  SetActivity("idle");
}

void IntakeDaemon::Worker::Tick() {
  const auto now = Clock::now();
  if (buttons_enabled_ && now >= next_button_poll_) {
    next_button_poll_ = now + std::chrono::milliseconds(config_.daemon.button_poll_ms);
    PollButtons();
  }
  if (folder_) ImportFolder();
  if (now >= next_housekeeping_) {
    next_housekeeping_ = now + std::chrono::seconds(config_.daemon.housekeeping_s);
    Housekeeping();
  }
  SetActivity("idle");
}

void IntakeDaemon::Worker::SetActivity(const std::string& activity) {
  std::lock_guard<std::mutex> lock(status_mutex_);
  if (status_.activity == activity) return;
  status_.activity = activity;
  ++status_.revision;
}

void IntakeDaemon::Worker::Fault(const std::string& message_uk, const Status& cause) {
  if (!cause.ok()) LogWarning("daemon", cause.ToString());
  Update([&](DaemonStatus& s) {
    s.fault_uk = message_uk;
    s.message_uk.clear();
  });
}

void IntakeDaemon::Worker::Done(const std::string& message_uk) {
  Update([&](DaemonStatus& s) {
    s.message_uk = message_uk;
    s.fault_uk.clear();
  });
}

// ---- IntakeDaemon ----

IntakeDaemon::IntakeDaemon(std::unique_ptr<Worker> worker) : worker_(std::move(worker)) {}
IntakeDaemon::~IntakeDaemon() { Stop(); }

Result<std::unique_ptr<IntakeDaemon>> IntakeDaemon::Start(const WorkstationConfig& config,
                                                          const DaemonOptions& options,
                                                          StageReporter reporter) {
  auto worker = std::make_unique<Worker>(config, options, std::move(reporter));
  INTAKE_RETURN_IF_ERROR(worker->Prepare());
  worker->StartThread();
  return std::unique_ptr<IntakeDaemon>(new IntakeDaemon(std::move(worker)));
}

Status IntakeDaemon::RequestNewCase() { return worker_->Post({Worker::Kind::kNewCase, ""}); }

Status IntakeDaemon::RequestResume(const std::string& case_id) {
  if (!IsValidCaseId(case_id))
    return InvalidArgument("'" + case_id + "' is not a case id (YYYYMMDD-WS-NNNN)");
  return worker_->Post({Worker::Kind::kResume, case_id});
}

Status IntakeDaemon::RequestScan(const std::string& profile) {
  if (!profile.empty() && !capture::FindProfile(worker_->profiles(), profile))
    return InvalidArgument("unknown scan profile '" + profile + "'");
  return worker_->Post({Worker::Kind::kScan, profile});
}

Status IntakeDaemon::RequestCheck() { return worker_->Post({Worker::Kind::kCheck, ""}); }
Status IntakeDaemon::RequestFinish() { return worker_->Post({Worker::Kind::kFinish, ""}); }
void IntakeDaemon::CancelScan() { worker_->CancelScan(); }
void IntakeDaemon::Stop() { worker_->Stop(); }
DaemonStatus IntakeDaemon::Snapshot() const { return worker_->Snapshot(); }
KioskLogin& IntakeDaemon::login() { return worker_->login(); }

}  // namespace intake
