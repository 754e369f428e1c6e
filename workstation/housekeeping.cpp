#include "workstation/housekeeping.h"

#include "core/log.h"
#include "paper/confirmation_transport.h"
#include "paper/paper_types.h"
#include "signing/key_store.h"
#include "transfer/http_client.h"
#include "workstation/delivery_sync.h"
#include "workstation/workstation_ledger.h"

namespace intake {

namespace {

// Short timeouts: this runs on the daemon's worker, and the kiosk waits behind it.
Status SyncPaperConfirmations(const WorkstationConfig& config, paper::PaperLedger& ledger,
                              paper::Instant now, HousekeepingReport* report) {
  INTAKE_ASSIGN_OR_RETURN(signing::KeyStore keys,
                          signing::KeyStore::Open(config.workstation_keys_dir()));
  auto back_office = keys.BackOffice();
  if (!back_office.ok())
    return back_office.status().WithContext("no trusted back office (intake keys trust ...)");
  transfer::TransportOptions transport;
  transport.connect_timeout_seconds = 5;
  transport.stall_timeout_seconds = 10;
  INTAKE_ASSIGN_OR_RETURN(auto http, transfer::HttpClient::Create(transport));
  INTAKE_ASSIGN_OR_RETURN(paper::OutboxApplyReport applied,
                          paper::SyncConfirmations(ledger, *http, config.back_office.url,
                                                   config.workstation_id,
                                                   back_office->sign_public, now));
  report->confirmations_applied = applied.applied;
  if (applied.stopped_untrusted)
    return Status(Code::kPermissionDenied,
                  "a confirmation is signed by a key this workstation does not trust");
  return Status::Ok();
}

}  // namespace

HousekeepingReport RunHousekeeping(const WorkstationConfig& config, paper::Instant now) {
  HousekeepingReport report;
  auto synced = SyncDeliveries(config);
  if (synced.ok()) {
    report.deliveries_recorded = synced->recorded;
  } else {
    report.problems.push_back(synced.status().WithContext("delivery sync"));
  }

  auto ledger = OpenWorkstationLedger(config);
  if (!ledger.ok()) {
    report.problems.push_back(ledger.status().WithContext("paper ledger"));
  } else {
    // Paper receipts from the back office (signed confirmations on the receiver's message
    // board): with the e-case receipt they close a case, and a closed case can be purged.
    Status synced_paper = SyncPaperConfirmations(config, **ledger, now, &report);
    if (!synced_paper.ok())
      report.problems.push_back(synced_paper.WithContext("paper confirmations"));
    auto overdue = (*ledger)->Overdue(paper::DayOf(now));
    if (overdue.ok()) {
      for (const auto& o : *overdue) {
        OverdueEntry e;
        e.item_id = o.item.spec.item_id;
        e.case_id = o.item.case_id;
        e.stage = std::string(paper::StageName(o.item.stage));
        auto due = paper::ParseDate(o.item.due_date);
        e.due_date = due.ok() ? paper::FormatDateUa(*due) : o.item.due_date;
        e.working_days_late = o.working_days_late;
        report.overdue.push_back(std::move(e));
      }
    } else {
      report.problems.push_back(overdue.status().WithContext("overdue paper"));
    }
    auto purged = (*ledger)->Purge(now);
    if (purged.ok()) {
      report.purged_cases = purged->purged_cases;
    } else {
      report.problems.push_back(purged.status().WithContext("purge"));
    }
  }

  for (const auto& c : report.purged_cases)
    LogInfo("paper", "case " + c + ": retention passed, local copies purged");
  if (report.confirmations_applied > 0)
    LogInfo("paper", std::to_string(report.confirmations_applied) +
                         " paper confirmation(s) from the back office applied");
  if (report.deliveries_recorded > 0)
    LogInfo("delivery", std::to_string(report.deliveries_recorded) +
                            " e-case receipt(s) recorded in the paper ledger");
  for (const auto& p : report.problems) LogWarning("housekeeping", p.ToString());
  return report;
}

std::string OverdueLogLine(const HousekeepingReport& report) {
  if (report.overdue.empty()) return "";
  // Item ids are case ids plus a number: no personal data (docs/case-layout.md).
  std::string ids;
  for (size_t i = 0; i < report.overdue.size() && i < 10; ++i)
    ids += (i ? ", " : "") + report.overdue[i].item_id;
  if (report.overdue.size() > 10) ids += ", ...";
  return std::to_string(report.overdue.size()) + " paper item(s) overdue, worst " +
         std::to_string(report.overdue.front().working_days_late) +
         " working day(s) late: " + ids;
}

}  // namespace intake
