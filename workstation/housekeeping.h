// Housekeeping: what the daemon does on its timer, besides capture.
//
//   - SyncDeliveries: e-case receipts the transfer daemon verified go into the paper ledger;
//   - paper::SyncConfirmations: the back office's signed paper confirmations are fetched from
//     the receiver's message board (back_office.url) and applied (short network timeouts);
//   - PaperLedger::Overdue: paper originals past their working-day deadline are listed (for
//     the kiosk, and OverdueLogLine for the log: counts and item ids, no personal data);
//   - PaperLedger::Purge: closed cases whose retention has passed lose their local copies.
// Each step runs even when an earlier one failed; failures are collected, not fatal.
//
// Thread safety: one call at a time per spool (it opens its own ledger and queue).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_time.h"
#include "workstation/workstation_config.h"

namespace intake {

struct OverdueEntry {
  std::string item_id;
  std::string case_id;
  std::string stage;          // "recorded", "packed", ...
  std::string due_date;       // DD.MM.YYYY
  int working_days_late = 0;
};

struct HousekeepingReport {
  int deliveries_recorded = 0;
  int confirmations_applied = 0;
  std::vector<OverdueEntry> overdue;
  std::vector<std::string> purged_cases;
  std::vector<Status> problems;  // a step that failed (the others still ran)
};

HousekeepingReport RunHousekeeping(const WorkstationConfig& config, paper::Instant now);

// "3 paper item(s) overdue, worst 5 working day(s) late: <item ids>"; "" when none. The
// caller decides how often to log it (the daemon: when the list changes, else once a day).
std::string OverdueLogLine(const HousekeepingReport& report);

}  // namespace intake
