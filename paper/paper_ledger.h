// PaperLedger: the workstation's record of every paper original it hands over, from the desk
// to the back office's shelf (SQLite, WAL, one file per workstation).
//
// It records the paper items of each case at intake, groups pending items into transmittal
// registers per back office, records custody events (packed → handed to courier → received →
// reconciled, each with time, who and where), applies the back office's signed confirmations,
// raises overdue items (working-day deadlines), closes a case when both its e-case receipt and
// its paper receipt are in, and purges local personal data of closed cases after retention.
//
// Every event also goes into the hash-chained audit log (audit_log.h); the chain head is kept
// in the ledger in the same SQLite transaction, so `intake audit verify` also catches entries
// cut from the end of the log.
//
// Thread safety: one PaperLedger per thread; several processes may open the same file (SQLite
// locking, busy timeout 5 s).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/audit_log.h"
#include "paper/confirmation.h"
#include "paper/paper_time.h"
#include "paper/paper_types.h"
#include "paper/working_days.h"

namespace intake::transfer {
class SqliteDb;
}  // namespace intake::transfer

namespace intake::paper {

using transfer::SqliteDb;  // the project's one SQLite wrapper (transfer/sqlite_db.h)

struct LedgerOptions {
  std::string workstation = "WS01";    // goes into register ids
  DeadlinePolicy deadlines;
  int retention_days = 30;             // after closing, before local personal data is purged
  std::filesystem::path audit_log;     // default: <ledger>.audit.jsonl beside the ledger
  // Printed cover sheets <cover_dir>/<case_id>.pdf carry initials: purged with the case.
  std::filesystem::path cover_dir;     // default: <ledger dir>/cover-sheets (where the daemon
                                       // prints them: workstation/workstation_ledger.h)
};

struct RegisterInfo {
  std::string register_id;
  std::string back_office;
  std::string created_at;
  std::string stage;                   // "packed" | "handed_to_courier" | "confirmed"
  std::vector<PaperItem> items;
};

struct OverdueItem {
  PaperItem item;
  int working_days_late = 0;
};

struct ApplyReport {
  bool already_applied = false;        // the same confirmation came twice: nothing changed
  int received = 0;
  int missing = 0;
  int extra = 0;                       // items the back office had that we did not send
  std::vector<std::string> closed_cases;
};

struct PurgeReport {
  std::vector<std::string> purged_cases;
};

class PaperLedger {
 public:
  static Result<std::unique_ptr<PaperLedger>> Open(const std::filesystem::path& path,
                                                   LedgerOptions options = {});
  ~PaperLedger();
  PaperLedger(const PaperLedger&) = delete;
  PaperLedger& operator=(const PaperLedger&) = delete;

  // Records the case and its items (stage recorded, due date from the deadline policy).
  // Idempotent: recording the same case again adds only items not yet known; an item id that
  // exists with different content is kInvalidArgument.
  Status RecordCase(const CaseIntake& intake, Instant at);

  // Packs every outstanding item of `back_office` that is not in a register (recorded or
  // reported missing) into a new register. kNotFound when there is nothing to pack.
  Result<RegisterInfo> CreateRegister(const std::string& back_office, const std::string& who,
                                      const std::string& where, Instant at);
  // The register left the office with a courier (or the operator in person).
  Status HandOff(const std::string& register_id, const std::string& courier,
                 const std::string& where, Instant at);
  // Applies a verified back-office confirmation. Idempotent by confirmation id.
  Result<ApplyReport> ApplyConfirmation(const PaperConfirmation& confirmation, Instant at);
  // The e-case receipt (from transfer/) is in; closes the case when its paper is also in.
  Status RecordEcaseReceipt(const std::string& case_id, Instant at);

  Result<std::vector<PaperItem>> Items(const std::optional<std::string>& case_id = {}) const;
  Result<std::vector<CustodyEvent>> Events(const std::string& item_id) const;
  Result<RegisterInfo> Register(const std::string& register_id) const;
  Result<std::vector<RegisterInfo>> Registers() const;
  Result<CaseStatus> Case(const std::string& case_id) const;
  Result<std::vector<OverdueItem>> Overdue(Date today) const;
  // Closed cases whose retention has passed: removes the case folder and the initials.
  Result<PurgeReport> Purge(Instant now);

  // The last back-office outbox message handled from `source` (confirmation_outbox.h); 0 = none.
  Result<int64_t> OutboxCursor(const std::string& source) const;
  Status SetOutboxCursor(const std::string& source, int64_t seq);

  AuditAnchor audit_anchor() const;
  const std::filesystem::path& audit_log_path() const;
  const LedgerOptions& options() const { return options_; }

 private:
  PaperLedger(std::unique_ptr<SqliteDb> db, std::unique_ptr<AuditLog> audit,
              LedgerOptions options);
  // Appends to the audit log and moves the anchor; call inside a transaction.
  Status Audit(Instant at, const std::string& actor, const std::string& event,
               const std::string& subject, const std::string& detail);
  Status AddEvent(const CustodyEvent& event);
  Status SetItemStage(const std::string& item_id, Stage stage,
                      const std::optional<std::string>& register_id);
  Status TryClose(const std::string& case_id, Instant at, std::vector<std::string>* closed);

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<AuditLog> audit_;
  LedgerOptions options_;
};

}  // namespace intake::paper

namespace intake::paper {

// Verifies a signed confirmation (confirmation.h) against the trusted back-office keys and
// applies it to the ledger. The workstation calls this for every message the receiver relays.
Result<ApplyReport> ApplyConfirmationWire(PaperLedger& ledger, const std::string& wire,
                                          const std::vector<Ed25519PublicKey>& trusted,
                                          Instant at);

}  // namespace intake::paper
