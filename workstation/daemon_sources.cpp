// The daemon worker's tick (daemon_worker.h): scanner buttons, the watched folder,
// housekeeping, and refreshing what the kiosk shows from the spool and the queue.
// File names stay out of the log (an applicant's file may carry their name).
#include <algorithm>

#include "capture/button_poller.h"
#include "capture/page_store.h"
#include "capture/watched_folder.h"
#include "core/log.h"
#include "transfer/transfer_queue.h"
#include "workstation/case_id.h"
#include "workstation/current_case_sink.h"
#include "workstation/daemon_worker.h"

namespace intake {

namespace fs = std::filesystem;

void IntakeDaemon::Worker::PollButtons() {
  if (!poller_) return;  // the scanner has not opened yet (housekeeping retries it)
  auto presses = poller_->PollOnce();
  if (!presses.ok()) {
    if (presses.status().code() == Code::kFailedPrecondition) {
      LogWarning("daemon", presses.status().message() + "; button polling is off");
      buttons_enabled_ = false;
    } else if (presses.status().message() != last_button_error_) {
      LogWarning("daemon", "button poll: " + presses.status().ToString());
    }
    last_button_error_ = presses.status().message();
    return;
  }
  last_button_error_.clear();
  if (presses->empty()) return;
  const capture::ButtonPress& press = presses->front();  // one batch per poll
  if (login_.required() && !login_.Touch()) {
    Fault("Сканування кнопкою сканера не виконано: спочатку увійдіть на екрані кіоску "
          "(оберіть себе і введіть PIN-код).",
          Status(Code::kFailedPrecondition, "scanner button pressed with no operator logged in"));
    return;
  }
  Scan(press.profile, "button '" + press.button + "'");
}

Status IntakeDaemon::Worker::OpenFolder() {
  if (!sink_) {
    capture::PageExpectations expect;  // blank, dark and light checks only
    if (const capture::ScanProfile* profile =
            capture::FindProfile(profiles_, config_.daemon.watch_profile))
      expect = profile->Expectations();
    sink_ = std::make_unique<CurrentCaseSink>(
        [this]() -> Result<fs::path> {
          SetActivity("importing");  // called when a file's pages are about to be stored
          INTAKE_ASSIGN_OR_RETURN(std::string case_id, EnsureCase());
          return pipeline_->CaseDir(case_id);
        },
        "file:" + config_.daemon.watch_dir.filename().string(), expect);
  }
  capture::WatchedFolderOptions options;
  options.importer.watch_dir = config_.daemon.watch_dir;
  options.settle = std::chrono::milliseconds(config_.daemon.settle_ms);
  auto folder = capture::WatchedFolder::Open(
      options, *sink_, [this](const capture::FolderImportOutcome& o) { OnImport(o); });
  if (!folder.ok()) return folder.status().WithContext("daemon.watch_dir");
  folder_ = std::move(folder).value();  // a folder watched before (now gone) is let go
  return Status::Ok();
}

// Every tick: the watched folder's inotify events since the last tick, so a file the scanner
// closed (or renamed in) is taken now; files seen only by looking wait for settle_ms.
void IntakeDaemon::Worker::ImportFolder() {
  if (folder_->folder_gone()) {
    // Removed or moved away: watch it again once it is back.
    std::error_code ec;
    if (!fs::is_directory(config_.daemon.watch_dir, ec) || !OpenFolder().ok()) return;
    LogInfo("daemon", "the watched folder is back; watching it again");
    Done("Теку сканування знову відстежується.");
    last_folder_error_.clear();
  }
  Status pass = folder_->ImportReady();
  sink_->Release();
  if (sink_->TakeStoredCount() > 0) RefreshCase();
  if (!pass.ok()) {
    if (pass.message() != last_folder_error_) {
      if (login_.required() && pass.code() == Code::kFailedPrecondition && !login_.Current()) {
        Fault("Файли з теки сканування чекають у теці: спочатку увійдіть на екрані кіоску, "
              "щоб відкрити для них справу.",
              pass);
      } else if (folder_->folder_gone()) {
        Fault("Теку сканування видалено або переміщено. Створіть її знову — файли з неї буде "
              "імпортовано, щойно вона з'явиться.",
              pass);
      } else {
        Fault("Не вдалося імпортувати файли з теки сканування (деталі в журналі). Файли "
              "лишаються в теці; перевірте місце на диску.",
              pass);
      }
    }
    last_folder_error_ = pass.message();
  } else {
    last_folder_error_.clear();
  }
}

void IntakeDaemon::Worker::OnImport(const capture::FolderImportOutcome& o) {
  using Kind = capture::FolderImportOutcome::Kind;
  // File names stay out of the log (an applicant's file may carry their name).
  if (o.kind == Kind::kImported) {
    LogInfo("daemon", "watched folder: " + std::to_string(o.pages_stored) + " page(s) into " +
                          o.destination);
    Done("Із теки сканування додано сторінок: " + std::to_string(o.pages_stored) + " (файл «" +
         o.file_name + "», справа " + current_.id().value_or("") + ").");
  } else if (o.kind == Kind::kRejected) {
    LogWarning("daemon", "watched folder: a file was rejected (reason beside it in rejected/)");
    Fault(o.message_uk, Status::Ok());
  }
}

void IntakeDaemon::Worker::Housekeeping() {
  if (!scanner_) {
    if (EnsureScanner().ok()) Done("Сканер підключено.");
  }
  HousekeepingReport report = RunHousekeeping(config_, paper::Now());
  Update([&](DaemonStatus& s) { s.overdue = report.overdue; });
  // Overdue paper goes to the log when the list changes, and again once a day while it lasts.
  const std::string line = OverdueLogLine(report);
  const auto now = Clock::now();
  if (!line.empty() && (line != last_overdue_line_ || now >= next_overdue_log_)) {
    LogWarning("paper", line);
    next_overdue_log_ = now + std::chrono::hours(24);
  }
  last_overdue_line_ = line;
  RefreshQueue();
  RefreshCase();
}

static int CountPages(const fs::path& case_dir) {
  auto pages = capture::PageStore::ListPages(case_dir);
  return pages.ok() ? static_cast<int>(pages->size()) : 0;
}

void IntakeDaemon::Worker::RefreshCase() {
  std::string case_id = current_.id().value_or("");
  int pages = 0;
  std::vector<FlaggedPage> flagged;
  if (!case_id.empty()) {
    auto listed = capture::PageStore::ListPages(pipeline_->CaseDir(case_id));
    if (listed.ok()) {
      pages = static_cast<int>(listed->size());
      for (const auto& page : *listed) {
        if (!page.rescan && page.checks.empty()) continue;
        FlaggedPage f;
        f.page = page.sequence;
        for (const auto& check : page.checks) f.reasons_uk.push_back(check.message_uk);
        flagged.push_back(std::move(f));
      }
    }
  }
  std::vector<OpenCase> open;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(config_.cases_dir(), ec)) {
    const std::string id = entry.path().filename().string();
    if (!IsValidCaseId(id) || id == case_id || !fs::exists(entry.path() / "case.json", ec))
      continue;
    open.push_back({id, CountPages(entry.path())});
  }
  std::sort(open.begin(), open.end(),
            [](const OpenCase& a, const OpenCase& b) { return a.case_id > b.case_id; });
  if (open.size() > 20) open.resize(20);
  Update([&](DaemonStatus& s) {
    s.case_id = case_id;
    s.pages = pages;
    s.flagged = std::move(flagged);
    s.open_cases = std::move(open);
  });
}

void IntakeDaemon::Worker::RefreshQueue() {
  auto queue = transfer::TransferQueue::Open(config_.queue_path());
  if (!queue.ok()) return;
  auto all = (*queue)->List();
  if (!all.ok()) return;
  std::sort(all->begin(), all->end(), [](const auto& a, const auto& b) {
    return a.enqueued_at != b.enqueued_at ? a.enqueued_at > b.enqueued_at
                                          : a.package_id > b.package_id;
  });
  std::vector<QueueEntry> entries;
  for (const auto& p : *all) {
    if (entries.size() >= 20) break;
    entries.push_back({p.package_id, std::string(transfer::PackageStateName(p.state)), p.attempts,
                       p.last_error});
  }
  Update([&](DaemonStatus& s) { s.queue = std::move(entries); });
}

}  // namespace intake
