// Operator-facing Ukrainian text for the paper commands: tables of items, overdue lists,
// reconciliation findings, and error messages (what happened, what to do). Logs stay English.
// Thread safety: pure.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_ledger.h"
#include "paper/reconciler.h"

namespace intake::paper {

// "Помилка: <what to do in Ukrainian> (<technical detail>)".
std::string UserMessage(const Status& status);

std::string FormatItems(const std::vector<PaperItem>& items);
std::string FormatOverdue(const std::vector<OverdueItem>& overdue);
// One English line per overdue item for logs and the daemon, ids only — no initials, no
// names, nothing from the applicant:
//   "case 20261123-WS01-0007 item 20261123-WS01-0007-1 original application_form: 3 working
//    day(s) late (due 2026-11-30, recorded)"
std::vector<std::string> OverdueLines(const std::vector<OverdueItem>& overdue);
std::string FormatReconciliation(const Reconciliation& r, const std::string& register_id);
std::string FormatApplyReport(const ApplyReport& report, const std::string& register_id);

}  // namespace intake::paper
