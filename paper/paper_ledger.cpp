#include "paper/paper_ledger.h"

#include <algorithm>
#include <map>

#include "core/file_util.h"
#include "core/log.h"
#include "transfer/sqlite_db.h"

namespace intake::paper {

using transfer::SqliteStatement;
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY,
  back_office TEXT NOT NULL,
  initials TEXT,
  case_dir TEXT,
  recorded_at TEXT NOT NULL,
  ecase_receipt_at TEXT,
  paper_receipt_at TEXT,
  closed_at TEXT,
  purged_at TEXT);
CREATE TABLE IF NOT EXISTS items(
  item_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(case_id),
  document TEXT NOT NULL,
  document_class TEXT NOT NULL,
  kind TEXT NOT NULL,
  sheets INTEGER NOT NULL,
  stage TEXT NOT NULL,
  register_id TEXT,
  recorded_at TEXT NOT NULL,
  due_date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS items_by_case ON items(case_id);
CREATE INDEX IF NOT EXISTS items_by_register ON items(register_id);
CREATE TABLE IF NOT EXISTS registers(
  register_id TEXT PRIMARY KEY,
  back_office TEXT NOT NULL,
  created_at TEXT NOT NULL,
  stage TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL,
  register_id TEXT,
  stage TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  place TEXT NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_item ON events(item_id);
CREATE TABLE IF NOT EXISTS confirmations(
  confirmation_id TEXT PRIMARY KEY,
  register_id TEXT NOT NULL,
  applied_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

constexpr const char* kItemColumns =
    "item_id, case_id, document, document_class, kind, sheets, stage, register_id, "
    "recorded_at, due_date, (SELECT back_office FROM cases c WHERE c.case_id = items.case_id)";

Result<PaperItem> ReadItem(const SqliteStatement& st) {
  PaperItem item;
  item.spec.item_id = st.ColumnText(0);
  item.case_id = st.ColumnText(1);
  item.spec.document = st.ColumnText(2);
  item.spec.document_class = st.ColumnText(3);
  INTAKE_ASSIGN_OR_RETURN(item.spec.kind, ParseKind(st.ColumnText(4)));
  item.spec.sheets = static_cast<int>(st.ColumnInt64(5));
  INTAKE_ASSIGN_OR_RETURN(item.stage, ParseStage(st.ColumnText(6)));
  item.register_id = st.ColumnOptionalText(7);
  item.recorded_at = st.ColumnText(8);
  item.due_date = st.ColumnText(9);
  item.back_office = st.ColumnText(10);
  return item;
}

Result<std::vector<PaperItem>> QueryItems(SqliteDb& db, const std::string& where,
                                          const std::vector<std::string>& args) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db.Prepare(std::string("SELECT ") + kItemColumns +
                                              " FROM items " + where + " ORDER BY item_id"));
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<PaperItem> items;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    INTAKE_ASSIGN_OR_RETURN(PaperItem item, ReadItem(st));
    items.push_back(std::move(item));
  }
  // Natural order within a case: -2 before -10.
  std::stable_sort(items.begin(), items.end(), [](const PaperItem& a, const PaperItem& b) {
    if (a.case_id != b.case_id) return a.case_id < b.case_id;
    return a.spec.item_id.size() != b.spec.item_id.size()
               ? a.spec.item_id.size() < b.spec.item_id.size()
               : a.spec.item_id < b.spec.item_id;
  });
  return items;
}

Status ValidateIntake(const CaseIntake& intake) {
  if (!IsValidCaseId(intake.case_id)) {
    return InvalidArgument("case id '" + intake.case_id + "' is not YYYYMMDD-WS-NNNN");
  }
  if (intake.back_office.empty()) return InvalidArgument("case has no receiving back office");
  for (const auto& item : intake.items) {
    if (!IsValidItemId(item.item_id) ||
        item.item_id.compare(0, intake.case_id.size() + 1, intake.case_id + "-") != 0) {
      return InvalidArgument("paper item id '" + item.item_id + "' is not " + intake.case_id +
                             "-<n>");
    }
    if (item.sheets < 1 || item.sheets > 999) {
      return InvalidArgument("paper item " + item.item_id + ": sheets must be 1..999");
    }
  }
  return Status::Ok();
}

}  // namespace

PaperLedger::PaperLedger(std::unique_ptr<SqliteDb> db, std::unique_ptr<AuditLog> audit,
                         LedgerOptions options)
    : db_(std::move(db)), audit_(std::move(audit)), options_(std::move(options)) {}

PaperLedger::~PaperLedger() = default;

Result<std::unique_ptr<PaperLedger>> PaperLedger::Open(const std::filesystem::path& path,
                                                       LedgerOptions options) {
  if (path.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(path.parent_path(), 0700));
  if (options.audit_log.empty()) options.audit_log = path.string() + ".audit.jsonl";
  if (options.cover_dir.empty()) options.cover_dir = path.parent_path() / "cover-sheets";
  INTAKE_ASSIGN_OR_RETURN(SqliteDb opened, SqliteDb::Open(path));
  auto db = std::make_unique<SqliteDb>(std::move(opened));
  INTAKE_RETURN_IF_ERROR(db->Exec(kSchema).WithContext("paper ledger schema"));
  INTAKE_ASSIGN_OR_RETURN(auto audit, AuditLog::Open(options.audit_log));
  return std::unique_ptr<PaperLedger>(
      new PaperLedger(std::move(db), std::move(audit), std::move(options)));
}

Status PaperLedger::Audit(Instant at, const std::string& actor, const std::string& event,
                          const std::string& subject, const std::string& detail) {
  INTAKE_ASSIGN_OR_RETURN(AuditEntry entry, audit_->Append(at, actor, event, subject, detail));
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO meta(key, value) VALUES('audit_anchor', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return st.Bind(1, std::to_string(entry.seq) + " " + entry.hash).Run();
}

AuditAnchor PaperLedger::audit_anchor() const {
  AuditAnchor anchor;
  auto st = db_->Prepare("SELECT value FROM meta WHERE key = 'audit_anchor'");
  if (!st.ok()) return anchor;
  auto row = st->Step();
  if (!row.ok() || !*row) return anchor;
  std::string value = st->ColumnText(0);
  size_t space = value.find(' ');
  if (space == std::string::npos) return anchor;
  anchor.seq = std::stoull(value.substr(0, space));
  anchor.hash = value.substr(space + 1);
  return anchor;
}

Result<int64_t> PaperLedger::OutboxCursor(const std::string& source) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT value FROM meta WHERE key = ?1"));
  st.Bind(1, "outbox_cursor " + source);
  INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? std::stoll(st.ColumnText(0)) : int64_t{0};
}

Status PaperLedger::SetOutboxCursor(const std::string& source, int64_t seq) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO meta(key, value) VALUES(?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return st.Bind(1, "outbox_cursor " + source).Bind(2, std::to_string(seq)).Run();
}

const std::filesystem::path& PaperLedger::audit_log_path() const { return audit_->path(); }

Status PaperLedger::AddEvent(const CustodyEvent& e) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO events(item_id, register_id, stage, at, who, place, note) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  return st.Bind(1, e.item_id)
      .BindOptional(2, e.register_id)
      .Bind(3, StageName(e.stage))
      .Bind(4, e.at)
      .Bind(5, e.who)
      .Bind(6, e.where)
      .Bind(7, e.note)
      .Run();
}

Status PaperLedger::SetItemStage(const std::string& item_id, Stage stage,
                                 const std::optional<std::string>& register_id) {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "UPDATE items SET stage = ?1, register_id = ?2 WHERE item_id = ?3"));
  return st.Bind(1, StageName(stage)).BindOptional(2, register_id).Bind(3, item_id).Run();
}

Status PaperLedger::RecordCase(const CaseIntake& intake, Instant at) {
  INTAKE_RETURN_IF_ERROR(ValidateIntake(intake));
  SqliteDb::Transaction tx(*db_);
  INTAKE_RETURN_IF_ERROR(tx.Begin());
  INTAKE_ASSIGN_OR_RETURN(auto insert_case, db_->Prepare(
      "INSERT INTO cases(case_id, back_office, initials, case_dir, recorded_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(case_id) DO NOTHING"));
  INTAKE_RETURN_IF_ERROR(insert_case.Bind(1, intake.case_id)
                             .Bind(2, intake.back_office)
                             .Bind(3, intake.initials)
                             .Bind(4, intake.case_dir)
                             .Bind(5, FormatInstant(at))
                             .Run());
  bool new_case = db_->Changes() > 0;
  if (!new_case) {
    INTAKE_ASSIGN_OR_RETURN(CaseStatus existing, Case(intake.case_id));
    if (existing.back_office != intake.back_office) {
      return InvalidArgument("case " + intake.case_id + " is already recorded for back office " +
                             existing.back_office);
    }
  } else {
    INTAKE_RETURN_IF_ERROR(Audit(at, intake.actor, "paper.case_recorded", intake.case_id,
                                 "back_office=" + intake.back_office + " items=" +
                                     std::to_string(intake.items.size())));
  }
  std::string due = FormatDate(DueDate(DayOf(at), options_.deadlines));
  for (const auto& spec : intake.items) {
    INTAKE_ASSIGN_OR_RETURN(auto known, QueryItems(*db_, "WHERE item_id = ?1", {spec.item_id}));
    if (!known.empty()) {
      const PaperItemSpec& k = known[0].spec;
      if (k.document != spec.document || k.kind != spec.kind || k.sheets != spec.sheets) {
        return InvalidArgument("paper item " + spec.item_id +
                               " is already recorded with different content");
      }
      continue;
    }
    INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "INSERT INTO items(item_id, case_id, document, document_class, kind, sheets, stage, "
        "recorded_at, due_date) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'recorded', ?7, ?8)"));
    INTAKE_RETURN_IF_ERROR(st.Bind(1, spec.item_id)
                               .Bind(2, intake.case_id)
                               .Bind(3, spec.document)
                               .Bind(4, spec.document_class)
                               .Bind(5, KindName(spec.kind))
                               .Bind(6, int64_t{spec.sheets})
                               .Bind(7, FormatInstant(at))
                               .Bind(8, due)
                               .Run());
    INTAKE_RETURN_IF_ERROR(AddEvent({spec.item_id, std::nullopt, Stage::kRecorded,
                                     FormatInstant(at), intake.actor, intake.place, ""}));
    INTAKE_RETURN_IF_ERROR(Audit(at, intake.actor, "paper.item_recorded", spec.item_id,
                                 std::string(KindName(spec.kind)) + " sheets=" +
                                     std::to_string(spec.sheets) + " due=" + due));
  }
  INTAKE_RETURN_IF_ERROR(TryClose(intake.case_id, at, nullptr));
  INTAKE_RETURN_IF_ERROR(tx.Commit());
  LogInfo("paper", "recorded case " + intake.case_id + " with " +
                       std::to_string(intake.items.size()) + " paper items");
  return Status::Ok();
}

Result<std::vector<PaperItem>> PaperLedger::Items(const std::optional<std::string>& case_id) const {
  if (case_id) return QueryItems(*db_, "WHERE case_id = ?1", {*case_id});
  return QueryItems(*db_, "", {});
}

Result<std::vector<CustodyEvent>> PaperLedger::Events(const std::string& item_id) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT item_id, register_id, stage, at, who, place, note FROM events "
      "WHERE item_id = ?1 ORDER BY id"));
  st.Bind(1, item_id);
  std::vector<CustodyEvent> events;
  while (true) {
    INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    CustodyEvent e;
    e.item_id = st.ColumnText(0);
    e.register_id = st.ColumnOptionalText(1);
    INTAKE_ASSIGN_OR_RETURN(e.stage, ParseStage(st.ColumnText(2)));
    e.at = st.ColumnText(3);
    e.who = st.ColumnText(4);
    e.where = st.ColumnText(5);
    e.note = st.ColumnText(6);
    events.push_back(std::move(e));
  }
  return events;
}

Result<CaseStatus> PaperLedger::Case(const std::string& case_id) const {
  INTAKE_ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "SELECT case_id, back_office, initials, recorded_at, ecase_receipt_at, paper_receipt_at, "
      "closed_at, purged_at FROM cases WHERE case_id = ?1"));
  st.Bind(1, case_id);
  INTAKE_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound("case " + case_id + " is not in the paper ledger");
  CaseStatus c;
  c.case_id = st.ColumnText(0);
  c.back_office = st.ColumnText(1);
  c.initials = st.ColumnText(2);
  c.recorded_at = st.ColumnText(3);
  c.ecase_receipt_at = st.ColumnOptionalText(4);
  c.paper_receipt_at = st.ColumnOptionalText(5);
  c.closed_at = st.ColumnOptionalText(6);
  c.purged_at = st.ColumnOptionalText(7);
  return c;
}

Result<std::vector<OverdueItem>> PaperLedger::Overdue(Date today) const {
  INTAKE_ASSIGN_OR_RETURN(auto items, QueryItems(*db_, "WHERE due_date < ?1", {FormatDate(today)}));
  std::vector<OverdueItem> overdue;
  for (auto& item : items) {
    if (!IsOutstanding(item.stage)) continue;
    INTAKE_ASSIGN_OR_RETURN(Date due, ParseDate(item.due_date));
    int late = WorkingDaysLate(due, today, options_.deadlines);
    if (late > 0) overdue.push_back({std::move(item), late});
  }
  std::stable_sort(overdue.begin(), overdue.end(), [](const OverdueItem& a, const OverdueItem& b) {
    return a.working_days_late > b.working_days_late;
  });
  return overdue;
}

}  // namespace intake::paper
