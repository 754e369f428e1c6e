// PaperLedger: registers, hand-off, back-office confirmations, closing and purging.
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "core/file_util.h"
#include "core/log.h"
#include "paper/paper_ledger.h"
#include "transfer/sqlite_db.h"

namespace intake::paper {

using transfer::SqliteStatement;
namespace {

Result<RegisterInfo> ReadRegisterRow(SqliteStatement& st) {
  RegisterInfo info;
  info.register_id = st.ColumnText(0);
  info.back_office = st.ColumnText(1);
  info.created_at = st.ColumnText(2);
  info.stage = st.ColumnText(3);
  return info;
}

// Sets or clears the case's paper receipt: in when every item is reconciled.
Status RefreshPaperReceipt(SqliteDb& db, const std::string& case_id, const std::string& at) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db.Prepare(
      "UPDATE cases SET paper_receipt_at = CASE "
      "  WHEN (SELECT COUNT(*) FROM items WHERE case_id = ?1 AND stage != 'reconciled') = 0 "
      "  THEN COALESCE(paper_receipt_at, ?2) ELSE NULL END "
      "WHERE case_id = ?1 AND closed_at IS NULL"));
  return st.Bind(1, case_id).Bind(2, at).Run();
}

}  // namespace

Status PaperLedger::TryClose(const std::string& case_id, Instant at,
                             std::vector<std::string>* closed) {
  INTAKE_RETURN_IF_ERROR(RefreshPaperReceipt(*db_, case_id, FormatInstant(at)));
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "UPDATE cases SET closed_at = ?2 WHERE case_id = ?1 AND closed_at IS NULL AND "
      "ecase_receipt_at IS NOT NULL AND paper_receipt_at IS NOT NULL"));
  INTAKE_RETURN_IF_ERROR(st.Bind(1, case_id).Bind(2, FormatInstant(at)).Run());
  if (db_->Changes() > 0) {
    INTAKE_RETURN_IF_ERROR(Audit(at, "workstation", "paper.case_closed", case_id,
                                 "e-case and paper receipts are both in"));
    if (closed) closed->push_back(case_id);
  }
  return Status::Ok();
}

Result<RegisterInfo> PaperLedger::CreateRegister(const std::string& back_office,
                                                 const std::string& who,
                                                 const std::string& where, Instant at) {
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto pending, Items());
  std::erase_if(pending, [&](const PaperItem& i) {
    return i.back_office != back_office || i.register_id ||
           (i.stage != Stage::kRecorded && i.stage != Stage::kMissing);
  });
  if (pending.empty()) {
    return NotFound("no paper items are waiting for a register to back office " + back_office);
  }
  std::string date = FormatDate(DayOf(at));
  std::string prefix = "R-" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + "-" +
                       options_.workstation + "-";
  INTAKE_ASSIGN_OR_RETURN(auto count, db_->Prepare(
      "SELECT COUNT(*) FROM registers WHERE substr(register_id, 1, length(?1)) = ?1"));
  count.Bind(1, prefix);
  INTAKE_ASSIGN_OR_RETURN(bool row, count.Step());
  int64_t seq = row ? count.ColumnInt64(0) + 1 : 1;
  if (seq > 999) return Status(Code::kResourceExhausted, "more than 999 registers in one day");
  char number[8];
  std::snprintf(number, sizeof number, "%03d", static_cast<int>(seq));
  RegisterInfo info{prefix + number, back_office, FormatInstant(at), "packed", {}};
  if (!IsValidRegisterId(info.register_id)) {
    return InvalidArgument("workstation id '" + options_.workstation +
                           "' must be 1-16 letters or digits");
  }
  INTAKE_ASSIGN_OR_RETURN(auto insert, db_->Prepare(
      "INSERT INTO registers(register_id, back_office, created_at, stage) "
      "VALUES(?1, ?2, ?3, 'packed')"));
  INTAKE_RETURN_IF_ERROR(
      insert.Bind(1, info.register_id).Bind(2, back_office).Bind(3, info.created_at).Run());
  for (auto& item : pending) {
    INTAKE_RETURN_IF_ERROR(SetItemStage(item.spec.item_id, Stage::kPacked, info.register_id));
    INTAKE_RETURN_IF_ERROR(AddEvent({item.spec.item_id, info.register_id, Stage::kPacked,
                                     info.created_at, who, where,
                                     item.stage == Stage::kMissing ? "sent again" : ""}));
    item.stage = Stage::kPacked;
    item.register_id = info.register_id;
  }
  INTAKE_RETURN_IF_ERROR(Audit(at, who, "paper.register_packed", info.register_id,
                               "back_office=" + back_office +
                                   " items=" + std::to_string(pending.size())));
  INTAKE_RETURN_IF_ERROR(tx.Commit());
  info.items = std::move(pending);
  LogInfo("paper", "packed register " + info.register_id + " with " +
                       std::to_string(info.items.size()) + " items");
  return info;
}

Status PaperLedger::HandOff(const std::string& register_id, const std::string& courier,
                            const std::string& where, Instant at) {
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(RegisterInfo info, Register(register_id));
  if (info.stage != "packed") {
    return Status(Code::kFailedPrecondition,
            "register " + register_id + " is already " + info.stage + ", not waiting for a courier");
  }
  for (const auto& item : info.items) {
    if (item.stage != Stage::kPacked) continue;
    INTAKE_RETURN_IF_ERROR(SetItemStage(item.spec.item_id, Stage::kHandedToCourier, register_id));
    INTAKE_RETURN_IF_ERROR(AddEvent({item.spec.item_id, register_id, Stage::kHandedToCourier,
                                     FormatInstant(at), courier, where, ""}));
  }
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "UPDATE registers SET stage = 'handed_to_courier' WHERE register_id = ?1"));
  INTAKE_RETURN_IF_ERROR(st.Bind(1, register_id).Run());
  INTAKE_RETURN_IF_ERROR(Audit(at, courier, "paper.handed_to_courier", register_id,
                               "items=" + std::to_string(info.items.size())));
  return tx.Commit();
}

Result<RegisterInfo> PaperLedger::Register(const std::string& register_id) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT register_id, back_office, created_at, stage FROM registers WHERE register_id = ?1"));
  st.Bind(1, register_id);
  INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound("register " + register_id + " is not in the paper ledger");
  INTAKE_ASSIGN_OR_RETURN(RegisterInfo info, ReadRegisterRow(st));
  // Items listed in the register: those packed into it, including any since reported missing
  // (their register_id is kept in the events).
  INTAKE_ASSIGN_OR_RETURN(auto ids, db_->Prepare(
      "SELECT DISTINCT item_id FROM events WHERE register_id = ?1 AND stage = 'packed'"));
  ids.Bind(1, register_id);
  INTAKE_ASSIGN_OR_RETURN(auto all, Items());
  std::set<std::string> listed;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool more, ids.Step());
    if (!more) break;
    listed.insert(ids.ColumnText(0));
  }
  for (auto& item : all) {
    if (listed.contains(item.spec.item_id)) info.items.push_back(std::move(item));
  }
  return info;
}

Result<std::vector<RegisterInfo>> PaperLedger::Registers() const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT register_id FROM registers ORDER BY created_at, register_id"));
  std::vector<RegisterInfo> registers;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    INTAKE_ASSIGN_OR_RETURN(RegisterInfo info, Register(st.ColumnText(0)));
    registers.push_back(std::move(info));
  }
  return registers;
}

Result<ApplyReport> PaperLedger::ApplyConfirmation(const PaperConfirmation& c, Instant at) {
  ApplyReport report;
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto seen, db_->Prepare(
      "SELECT 1 FROM confirmations WHERE confirmation_id = ?1"));
  seen.Bind(1, c.confirmation_id);
  INTAKE_ASSIGN_OR_RETURN(bool applied, seen.Step());
  if (applied) {
    report.already_applied = true;
    return report;
  }
  INTAKE_ASSIGN_OR_RETURN(RegisterInfo info, Register(c.register_id));
  if (info.back_office != c.back_office) {
    return Status(Code::kPermissionDenied, "confirmation from back office " + c.back_office +
                                         " for register " + c.register_id + " sent to " +
                                         info.back_office);
  }
  std::set<std::string> cases;
  INTAKE_ASSIGN_OR_RETURN(auto known, Items());
  std::map<std::string, PaperItem> by_id;
  for (auto& k : known) by_id.emplace(k.spec.item_id, std::move(k));
  for (const auto& ci : c.items) {
    auto found = by_id.find(ci.item_id);
    const PaperItem* item = found == by_id.end() ? nullptr : &found->second;
    if (ci.outcome == ItemOutcome::kExtra) ++report.extra;
    if (!item) continue;  // an item this workstation never sent: counted as extra above
    if (item->stage == Stage::kReconciled) continue;
    cases.insert(item->case_id);
    if (ci.outcome == ItemOutcome::kMissing) {
      ++report.missing;
      INTAKE_RETURN_IF_ERROR(SetItemStage(ci.item_id, Stage::kMissing, std::nullopt));
      INTAKE_RETURN_IF_ERROR(AddEvent({ci.item_id, c.register_id, Stage::kMissing, c.reconciled_at,
                                       c.received_by, c.back_office,
                                       "not in the bundle: send again or explain"}));
      INTAKE_RETURN_IF_ERROR(Audit(at, c.received_by, "paper.item_missing", ci.item_id,
                                   "register=" + c.register_id));
      continue;
    }
    ++report.received;
    INTAKE_RETURN_IF_ERROR(AddEvent({ci.item_id, c.register_id, Stage::kReceived, c.received_at,
                                     c.received_by, c.back_office, ""}));
    INTAKE_RETURN_IF_ERROR(AddEvent({ci.item_id, c.register_id, Stage::kReconciled,
                                     c.reconciled_at, c.received_by, c.back_office,
                                     ci.outcome == ItemOutcome::kExtra ? "arrived outside its register"
                                                                       : ""}));
    INTAKE_RETURN_IF_ERROR(SetItemStage(ci.item_id, Stage::kReconciled, item->register_id));
    INTAKE_RETURN_IF_ERROR(Audit(at, c.received_by, "paper.item_reconciled", ci.item_id,
                                 "register=" + c.register_id));
  }
  INTAKE_ASSIGN_OR_RETURN(auto reg, db_->Prepare(
      "UPDATE registers SET stage = 'confirmed' WHERE register_id = ?1"));
  INTAKE_RETURN_IF_ERROR(reg.Bind(1, c.register_id).Run());
  INTAKE_ASSIGN_OR_RETURN(auto mark, db_->Prepare(
      "INSERT INTO confirmations(confirmation_id, register_id, applied_at) VALUES(?1, ?2, ?3)"));
  INTAKE_RETURN_IF_ERROR(
      mark.Bind(1, c.confirmation_id).Bind(2, c.register_id).Bind(3, FormatInstant(at)).Run());
  INTAKE_RETURN_IF_ERROR(Audit(at, c.received_by, "paper.register_confirmed", c.register_id,
                               "received=" + std::to_string(report.received) +
                                   " missing=" + std::to_string(report.missing) +
                                   " extra=" + std::to_string(report.extra) +
                                   " cases_without_ecase=" +
                                   std::to_string(c.cases_without_ecase.size()) +
                                   (c.register_received_before ? " received_twice" : "")));
  for (const auto& case_id : cases) {
    INTAKE_RETURN_IF_ERROR(TryClose(case_id, at, &report.closed_cases));
  }
  INTAKE_RETURN_IF_ERROR(tx.Commit());
  LogInfo("paper", "applied confirmation of register " + c.register_id);
  return report;
}

Status PaperLedger::RecordEcaseReceipt(const std::string& case_id, Instant at) {
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "UPDATE cases SET ecase_receipt_at = ?2 WHERE case_id = ?1 AND ecase_receipt_at IS NULL"));
  INTAKE_RETURN_IF_ERROR(st.Bind(1, case_id).Bind(2, FormatInstant(at)).Run());
  if (db_->Changes() == 0) {
    INTAKE_RETURN_IF_ERROR(Case(case_id).status());  // kNotFound for an unknown case
    return tx.Commit();                              // already recorded: idempotent
  }
  INTAKE_RETURN_IF_ERROR(Audit(at, "transfer", "paper.ecase_receipt", case_id, ""));
  INTAKE_RETURN_IF_ERROR(TryClose(case_id, at, nullptr));
  return tx.Commit();
}

Result<PurgeReport> PaperLedger::Purge(Instant now) {
  PurgeReport report;
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT case_id, closed_at, case_dir FROM cases "
      "WHERE closed_at IS NOT NULL AND purged_at IS NULL ORDER BY case_id"));
  std::vector<std::pair<std::string, std::string>> due;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    INTAKE_ASSIGN_OR_RETURN(Instant closed, ParseInstant(st.ColumnText(1)));
    if (closed + std::chrono::days(options_.retention_days) <= now) {
      due.emplace_back(st.ColumnText(0), st.ColumnText(2));
    }
  }
  for (const auto& [case_id, dir] : due) {
    if (!dir.empty()) {
      std::filesystem::path path(dir);
      // Never remove a folder that is not this case's own.
      if (path.filename() != case_id) {
        return InvalidArgument("case " + case_id + ": folder " + dir +
                               " is not named after the case; not purged");
      }
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
      if (ec) return IoError("purge case " + case_id + " folder: " + ec.message());
      if (path.has_parent_path()) INTAKE_RETURN_IF_ERROR(SyncDirectory(path.parent_path()));
    }
    std::error_code cover_ec;
    std::filesystem::remove(options_.cover_dir / (case_id + ".pdf"), cover_ec);
    if (cover_ec) return IoError("purge cover sheet of " + case_id + ": " + cover_ec.message());
    INTAKE_ASSIGN_OR_RETURN(auto upd, db_->Prepare(
        "UPDATE cases SET initials = NULL, case_dir = NULL, purged_at = ?2 WHERE case_id = ?1"));
    INTAKE_RETURN_IF_ERROR(upd.Bind(1, case_id).Bind(2, FormatInstant(now)).Run());
    INTAKE_RETURN_IF_ERROR(Audit(now, "workstation", "paper.case_purged", case_id,
                                 "local personal data removed after retention"));
    report.purged_cases.push_back(case_id);
  }
  INTAKE_RETURN_IF_ERROR(tx.Commit());
  if (!report.purged_cases.empty()) {
    LogInfo("paper", "purged " + std::to_string(report.purged_cases.size()) + " closed cases");
  }
  return report;
}

}  // namespace intake::paper

namespace intake::paper {

Result<ApplyReport> ApplyConfirmationWire(PaperLedger& ledger, const std::string& wire,
                                          const std::vector<Ed25519PublicKey>& trusted,
                                          Instant at) {
  INTAKE_ASSIGN_OR_RETURN(PaperConfirmation confirmation, VerifyConfirmation(wire, trusted));
  return ledger.ApplyConfirmation(confirmation, at);
}

}  // namespace intake::paper
