#include "workstation/housekeeping.h"

#include "core/log.h"
#include "paper/paper_types.h"
#include "workstation/delivery_sync.h"
#include "workstation/workstation_ledger.h"

namespace intake {

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
