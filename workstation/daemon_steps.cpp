// What the daemon's worker does for each request (daemon_worker.h); daemon_sources.cpp has
// the tick's sources (buttons, watched folder, housekeeping) and the status refresh.
// Operator messages are Ukrainian and name case ids and page counts only; the log gets the
// English cause, without personal data.
#include <algorithm>

#include "capture/button_poller.h"
#include "capture/capture_fault.h"
#include "capture/page_store.h"
#include "core/log.h"
#include "workstation/current_case_sink.h"
#include "workstation/daemon_worker.h"
#include "workstation/desk_scanner.h"

namespace intake {

namespace fs = std::filesystem;

Status IntakeDaemon::Worker::EnsureScanner() {
  INTAKE_ASSIGN_OR_RETURN(DeskScanner * scanner, pipeline_->Scanner());
  pipeline_->ReleaseScanner();  // closed between batches: the buttons are polled, others may scan
  {
    std::lock_guard<std::mutex> lock(scanner_mutex_);
    scanner_ = scanner;
    std::lock_guard<std::mutex> queue_lock(queue_mutex_);
    if (stopping_) scanner->Shutdown();  // Stop() came while the scanner was being opened
  }
  scanner->SetPageObserver([this](const capture::PageMetadata& page) {
    Update([&](DaemonStatus& s) {  // live progress while the batch runs
      s.pages = std::max(s.pages, page.sequence);
      if (page.rescan || !page.checks.empty()) {
        FlaggedPage f{page.sequence, {}};
        for (const auto& check : page.checks) f.reasons_uk.push_back(check.message_uk);
        s.flagged.push_back(std::move(f));
      }
    });
  });
  if (!poller_ && options_.poll_buttons && !buttons_.empty()) {
    capture::ButtonPollerOptions poll;
    poll.interval = std::chrono::milliseconds(config_.daemon.button_poll_ms);
    poll.button_profiles = buttons_;
    poller_ = std::make_unique<capture::ButtonPoller>(scanner->session(), config_.scanner.device,
                                                      poll);
  }
  Update([](DaemonStatus& s) { s.scanner_ready = true; });
  return Status::Ok();
}

Result<std::string> IntakeDaemon::Worker::OpeningOperator() {
  if (!login_.required()) return std::string();
  auto who = login_.Current();
  if (!who) return Status(Code::kFailedPrecondition, "no operator is logged in at the kiosk");
  return who->id;
}

Result<std::string> IntakeDaemon::Worker::EnsureCase() {
  if (current_.id() && pipeline_->ResumeCase(*current_.id()).ok()) return *current_.id();
  INTAKE_ASSIGN_OR_RETURN(std::string operator_id, OpeningOperator());
  INTAKE_ASSIGN_OR_RETURN(std::string case_id, pipeline_->NewCase(operator_id));
  INTAKE_RETURN_IF_ERROR(current_.Set(case_id));
  Update([](DaemonStatus& s) { s.checked.clear(); });
  RefreshCase();
  return case_id;
}

void IntakeDaemon::Worker::NewCase() {
  if (current_.id() && status_.pages == 0 && pipeline_->ResumeCase(*current_.id()).ok()) {
    Done("Справа " + *current_.id() + " вже відкрита і ще порожня: скануйте документи.");
    return;
  }
  auto operator_id = OpeningOperator();
  if (!operator_id.ok()) {
    Fault("Спочатку увійдіть: оберіть себе і введіть PIN-код.", operator_id.status());
    return;
  }
  auto case_id = pipeline_->NewCase(*operator_id);
  if (!case_id.ok()) {
    Fault("Не вдалося відкрити нову справу (деталі в журналі). Перевірте місце на диску.",
          case_id.status());
    return;
  }
  Status set = current_.Set(*case_id);
  if (!set.ok()) LogWarning("daemon", "current case not remembered: " + set.ToString());
  Update([](DaemonStatus& s) { s.checked.clear(); });
  RefreshCase();
  Done("Відкрито нову справу " + *case_id + ".");
}

// A case that holds nothing but its case.json (and an empty pages/) is removed when the
// operator leaves it for another one, so the list of open cases does not fill with empties.
static void RemoveIfEmpty(const fs::path& case_dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(case_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "case.json") continue;
    if (name == "pages" && fs::is_empty(entry.path(), ec) && !ec) continue;
    return;  // anything else (a page, OCR output) keeps the case
  }
  if (ec) return;
  fs::remove_all(case_dir, ec);
  if (!ec) LogInfo("daemon", "empty case " + case_dir.filename().string() + " removed");
}

void IntakeDaemon::Worker::Resume(const std::string& case_id) {
  Status open = pipeline_->ResumeCase(case_id);
  if (!open.ok()) {
    Fault("Справи " + case_id + " немає серед відкритих: її вже надіслано або не відкривали тут.",
          open);
    return;
  }
  if (current_.id() && *current_.id() != case_id) RemoveIfEmpty(pipeline_->CaseDir(*current_.id()));
  Status set = current_.Set(case_id);
  if (!set.ok()) LogWarning("daemon", "current case not remembered: " + set.ToString());
  Update([](DaemonStatus& s) { s.checked.clear(); });
  RefreshCase();
  Done("Продовжуємо справу " + case_id + ".");
}

void IntakeDaemon::Worker::Scan(const std::string& profile_name, const std::string& trigger) {
  const capture::ScanProfile* profile =
      profile_name.empty() ? nullptr : capture::FindProfile(profiles_, profile_name);
  Status scanner = EnsureScanner();
  if (!scanner.ok()) {
    Update([](DaemonStatus& s) { s.scanner_ready = false; });
    Fault("Сканер недоступний: " + capture::ClassifyFault(scanner, 0).message_uk +
              " Справу не змінено.",
          scanner);
    return;
  }
  auto case_id = EnsureCase();
  if (!case_id.ok()) {
    Fault("Не вдалося відкрити справу (деталі в журналі). Перевірте місце на диску.",
          case_id.status());
    return;
  }
  SetActivity("scanning");
  LogInfo("daemon", trigger + ": batch into case " + *case_id +
                        (profile ? " with profile " + profile->name : std::string()));
  auto summary = pipeline_->Scan(*case_id, {}, profile);
  pipeline_->ReleaseScanner();
  RefreshCase();
  if (!summary.ok()) {
    Fault(capture::ClassifyFault(summary.status(), 0).message_uk, summary.status());
    return;
  }
  if (!summary->fault_uk.empty()) {
    Fault(summary->fault_uk + " Справа " + *case_id + ": збережено сторінок — " +
              std::to_string(status_.pages) + ".",
          Status::Ok());
    return;
  }
  std::string text = "Додано сторінок: " + std::to_string(summary->pages_captured) +
                     " (справа " + *case_id + ").";
  if (summary->pages_flagged > 0)
    text += " Перевірте позначені сторінки: " + std::to_string(summary->pages_flagged) + ".";
  Done(text);
}

void IntakeDaemon::Worker::Check() {
  if (!current_.id()) {
    Fault("Немає відкритої справи: спершу відскануйте документи.", Status::Ok());
    return;
  }
  SetActivity("recognising");
  auto recognised = pipeline_->Recognise(*current_.id());
  if (!recognised.ok()) {
    Fault("Не вдалося розпізнати сторінки (деталі в журналі); сторінки збережено.",
          recognised.status());
    return;
  }
  std::vector<CheckedPage> checked;
  int invalid = 0;
  for (const auto& page : recognised->pages) {
    CheckedPage c;
    c.page = page.number;
    c.blank = page.blank;
    c.doc_type = page.doc_type;
    c.needs_review = page.needs_review;
    for (const auto& f : page.fields) {
      c.fields.push_back({f.name, f.valid});
      if (!f.valid) ++invalid;
    }
    checked.push_back(std::move(c));
  }
  Update([&](DaemonStatus& s) { s.checked = std::move(checked); });
  Done("Перевірено сторінок: " + std::to_string(recognised->pages.size()) +
       "; полів, що не пройшли перевірку: " + std::to_string(invalid) + ".");
}

void IntakeDaemon::Worker::Finish() {
  if (!current_.id()) {
    Fault("Немає відкритої справи: спершу відскануйте документи.", Status::Ok());
    return;
  }
  const std::string case_id = *current_.id();
  SetActivity("recognising");
  auto sealed = pipeline_->Seal(case_id);
  if (!sealed.ok()) {
    RefreshCase();
    if (sealed.status().code() == Code::kFailedPrecondition &&
        pipeline_->ResumeCase(case_id).ok()) {
      Fault("У справі " + case_id + " немає сторінок, які вдалося прочитати: відскануйте "
            "документи і натисніть «Завершити і надіслати» ще раз.",
            sealed.status());
    } else {
      Fault("Не вдалося завершити справу " + case_id + "; сторінки збережено. Спробуйте ще раз; "
            "якщо не допоможе — зверніться до адміністратора.",
            sealed.status());
    }
    return;
  }
  Status cleared = current_.Clear();
  if (!cleared.ok()) LogWarning("daemon", "current case not cleared: " + cleared.ToString());
  Update([](DaemonStatus& s) { s.checked.clear(); });
  RefreshCase();
  RefreshQueue();
  Done("Справу " + case_id + " запечатано і поставлено в чергу на надсилання. Роздрукуйте "
       "супровідний аркуш і покладіть його до паперових оригіналів.");
}

}  // namespace intake
