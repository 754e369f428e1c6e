#include "paper/receipt_book.h"

#include "core/file_util.h"
#include "paper/paper_types.h"
#include "transfer/sqlite_db.h"

namespace intake::paper {

using transfer::SqliteDb;
using transfer::SqliteStatement;
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS receipts(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  register_id TEXT NOT NULL,
  received_by TEXT NOT NULL,
  received_at TEXT NOT NULL,
  findings INTEGER NOT NULL,
  confirmation_id TEXT NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS receipts_by_register ON receipts(register_id);
CREATE TABLE IF NOT EXISTS outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workstation TEXT NOT NULL,
  confirmation_id TEXT NOT NULL UNIQUE,
  wire TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_by_workstation ON outbox(workstation, seq);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

}  // namespace

std::string WorkstationOfRegister(const std::string& register_id) {
  if (!IsValidRegisterId(register_id)) return {};
  size_t last = register_id.rfind('-');
  return register_id.substr(11, last - 11);
}

ReceiptBook::ReceiptBook(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
ReceiptBook::~ReceiptBook() = default;

Result<std::unique_ptr<ReceiptBook>> ReceiptBook::Open(const std::filesystem::path& path) {
  if (path.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(path.parent_path(), 0700));
  INTAKE_ASSIGN_OR_RETURN(SqliteDb opened, SqliteDb::Open(path));
  auto db = std::make_unique<SqliteDb>(std::move(opened));
  INTAKE_RETURN_IF_ERROR(db->Exec(kSchema).WithContext("paper receipt book schema"));
  return std::unique_ptr<ReceiptBook>(new ReceiptBook(std::move(db)));
}

Result<std::optional<std::string>> ReceiptBook::FirstReceipt(const std::string& register_id) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT received_at FROM receipts WHERE register_id = ?1 ORDER BY seq LIMIT 1"));
  st.Bind(1, register_id);
  INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.ColumnText(0));
}

Status ReceiptBook::Record(const std::string& register_id, const std::string& received_by,
                           Instant at, int findings, const std::string& confirmation_id,
                           const std::string& wire) {
  std::string workstation = WorkstationOfRegister(register_id);
  if (workstation.empty()) {
    return InvalidArgument("register id '" + register_id + "' is not R-YYYYMMDD-WS-NNN");
  }
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto receipt, db_->Prepare(
      "INSERT INTO receipts(register_id, received_by, received_at, findings, confirmation_id) "
      "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(confirmation_id) DO NOTHING"));
  INTAKE_RETURN_IF_ERROR(receipt.Bind(1, register_id)
                             .Bind(2, received_by)
                             .Bind(3, FormatInstant(at))
                             .Bind(4, int64_t{findings})
                             .Bind(5, confirmation_id)
                             .Run());
  INTAKE_ASSIGN_OR_RETURN(auto out, db_->Prepare(
      "INSERT INTO outbox(workstation, confirmation_id, wire) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(confirmation_id) DO NOTHING"));
  INTAKE_RETURN_IF_ERROR(out.Bind(1, workstation).Bind(2, confirmation_id).Bind(3, wire).Run());
  return tx.Commit();
}

namespace {

// Rows of (seq, workstation, confirmation_id, wire).
Result<std::vector<OutboxMessage>> ReadMessages(SqliteStatement& st) {
  std::vector<OutboxMessage> messages;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    messages.push_back({st.ColumnInt64(0), st.ColumnText(1), st.ColumnText(2), st.ColumnText(3)});
  }
  return messages;
}

}  // namespace

Result<std::vector<OutboxMessage>> ReceiptBook::Outbox(const std::string& workstation,
                                                       int64_t after_seq) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT seq, workstation, confirmation_id, wire FROM outbox "
      "WHERE workstation = ?1 AND seq > ?2 ORDER BY seq"));
  st.Bind(1, workstation).Bind(2, after_seq);
  return ReadMessages(st);
}

Result<std::vector<OutboxMessage>> ReceiptBook::Unposted() const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT seq, workstation, confirmation_id, wire FROM outbox WHERE seq > "
      "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'posted'), 0) ORDER BY seq"));
  return ReadMessages(st);
}

Status ReceiptBook::MarkPosted(int64_t seq) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO meta(key, value) VALUES('posted', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return st.Bind(1, std::to_string(seq)).Run();
}

}  // namespace intake::paper
