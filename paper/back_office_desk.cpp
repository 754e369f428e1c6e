#include "paper/back_office_desk.h"

#include <algorithm>

#include "core/log.h"
#include "paper/case_record.h"
#include "core/file_util.h"

namespace intake::paper {
namespace {

// Adds a decoded code to the receipt; fails on a second, different register.
Status Take(const PaperCode& code, ReceiptInput* in, bool* have_register_code) {
  if (code.kind == PaperCode::Kind::kRegister) {
    if (!in->register_id.empty() && in->register_id != code.id) {
      return InvalidArgument("two different registers in one receipt: " + in->register_id +
                             " and " + code.id + "; receive them one at a time");
    }
    in->register_id = code.id;
    in->register_back_office = code.back_office;
    in->register_cases = code.cases;
    *have_register_code = true;
    return Status::Ok();
  }
  in->covers.push_back(code.cases.at(0));
  return Status::Ok();
}

}  // namespace

Result<DeskResult> ReceiveAtDesk(const DeskInput& input, CodeScanner& scanner, ReceiptBook& book,
                                 const signing::Signer& signer, Instant now) {
  DeskResult result;
  ReceiptInput in;
  in.back_office = input.back_office;
  in.marked_missing = input.marked_missing;
  in.marked_extra = input.marked_extra;
  in.ecases = input.ecases;
  bool have_register_code = false;
  for (const auto& page : input.scans) {
    INTAKE_ASSIGN_OR_RETURN(PageScan scan, scanner.ScanFile(page));
    result.unreadable_codes += scan.unreadable;
    if (scan.codes.empty()) result.pages_without_code.push_back(page);
    for (const auto& code : scan.codes) INTAKE_RETURN_IF_ERROR(Take(code, &in, &have_register_code));
  }
  for (const auto& text : input.typed) {
    auto code = ParsePaperCode(text);
    if (code.ok()) {
      INTAKE_RETURN_IF_ERROR(Take(*code, &in, &have_register_code));
    } else if (code.status().code() == Code::kCorrupt) {
      return InvalidArgument("typed code '" + text + "' fails its check: retype it");
    } else if (IsValidRegisterId(text)) {
      if (!in.register_id.empty() && in.register_id != text) {
        return InvalidArgument("two different registers in one receipt: " + in.register_id +
                               " and " + text);
      }
      in.register_id = text;
    } else if (IsValidCaseId(text)) {
      in.covers.push_back({text, {}});
    } else {
      return InvalidArgument("'" + text + "' is neither a register id nor a case id");
    }
  }
  if (in.register_id.empty()) {
    return Status(Code::kFailedPrecondition,
                  "no register code found: scan the register's first page or type its number");
  }
  if (!have_register_code) in.register_cases.reset();
  INTAKE_ASSIGN_OR_RETURN(in.previous_receipt_at, book.FirstReceipt(in.register_id));
  result.reconciliation = Reconcile(in);

  PaperConfirmation& c = result.confirmation;
  c.register_id = in.register_id;
  c.back_office = input.back_office;
  c.received_at = FormatInstant(now);
  c.reconciled_at = c.received_at;
  c.received_by = input.clerk;
  c.confirmation_id = in.register_id + "@" + c.received_at;
  c.items = result.reconciliation.items;
  c.cases_without_ecase = result.reconciliation.cases_without_ecase;
  c.register_received_before = result.reconciliation.received_twice;
  if (result.reconciliation.refused) {
    LogWarning("paper.desk", "refused register " + in.register_id + ": wrong back office");
    return result;
  }
  INTAKE_ASSIGN_OR_RETURN(result.wire, SignConfirmation(c, signer));
  INTAKE_RETURN_IF_ERROR(book.Record(in.register_id, input.clerk, now,
                                     static_cast<int>(result.reconciliation.findings.size()),
                                     c.confirmation_id, result.wire));
  LogInfo("paper.desk", "received register " + in.register_id + ": " +
                            std::to_string(c.items.size()) + " items, " +
                            std::to_string(result.reconciliation.findings.size()) + " findings");
  return result;
}

Result<std::map<std::string, std::vector<int>>> LoadInboxPaperItems(
    const std::filesystem::path& inbox, int* skipped) {
  std::map<std::string, std::vector<int>> ecases;
  int bad = 0;
  std::error_code ec;
  std::filesystem::directory_iterator it(inbox, ec);
  if (ec) return NotFound("inbox " + inbox.string() + ": " + ec.message());
  for (const auto& entry : it) {
    if (!entry.is_directory()) continue;
    // intake-receiver files a case as <case>/bag/data/case.json; a bag copied by hand may sit
    // directly in <case>/ (data/case.json) or be the bare payload (case.json).
    for (const auto& candidate : {entry.path() / "bag" / "data" / "case.json",
                                  entry.path() / "data" / "case.json", entry.path() / "case.json"}) {
      if (!std::filesystem::exists(candidate)) continue;
      auto text = ReadFile(candidate);
      auto intake = text.ok() ? ParseCaseIntake(*text) : Result<CaseIntake>(text.status());
      if (!intake.ok()) {
        ++bad;
        break;
      }
      std::vector<int>& numbers = ecases[intake->case_id];
      for (const auto& item : intake->items) {
        std::string case_id;
        int n = 0;
        if (SplitItemId(item.item_id, &case_id, &n)) numbers.push_back(n);
      }
      std::sort(numbers.begin(), numbers.end());
      break;
    }
  }
  if (skipped) *skipped = bad;
  return ecases;
}

}  // namespace intake::paper
