#include "transfer/transfer_queue.h"

#include <sys/stat.h>

#include <cerrno>

#include "core/file_util.h"
#include "transfer/digest.h"

namespace intake::transfer {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS packages (
  package_id   TEXT PRIMARY KEY,
  path         TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  state        INTEGER NOT NULL DEFAULT 0,
  priority     INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT NOT NULL DEFAULT '',
  next_try     INTEGER NOT NULL DEFAULT 0,
  upload_url   TEXT NOT NULL DEFAULT '',
  enqueued_at  INTEGER NOT NULL,
  delivered_at INTEGER NOT NULL DEFAULT 0,
  receipt      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS packages_due ON packages(state, next_try);
)sql";

constexpr std::string_view kColumns =
    "package_id, path, size, sha256, state, priority, attempts, last_error, next_try, "
    "upload_url, enqueued_at, delivered_at, receipt";

QueuedPackage ReadRow(const SqliteStatement& s) {
  QueuedPackage p;
  p.package_id = s.ColumnText(0);
  p.path = s.ColumnText(1);
  p.size = s.ColumnInt64(2);
  p.sha256 = s.ColumnText(3);
  p.state = static_cast<PackageState>(s.ColumnInt64(4));
  p.priority = static_cast<int>(s.ColumnInt64(5));
  p.attempts = static_cast<int>(s.ColumnInt64(6));
  p.last_error = s.ColumnText(7);
  p.next_try = s.ColumnInt64(8);
  p.upload_url = s.ColumnText(9);
  p.enqueued_at = s.ColumnInt64(10);
  p.delivered_at = s.ColumnInt64(11);
  p.receipt_json = s.ColumnText(12);
  return p;
}

}  // namespace

std::string_view PackageStateName(PackageState state) {
  switch (state) {
    case PackageState::kQueued: return "queued";
    case PackageState::kUploading: return "uploading";
    case PackageState::kDelivered: return "delivered";
    case PackageState::kPurged: return "purged";
  }
  return "unknown";
}

Result<std::unique_ptr<TransferQueue>> TransferQueue::Open(const std::filesystem::path& db_path) {
  if (db_path.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(db_path.parent_path(), 0700));
  INTAKE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::Open(db_path));
  INTAKE_RETURN_IF_ERROR(db.Exec(kSchema));
  return std::unique_ptr<TransferQueue>(new TransferQueue(std::move(db)));
}

Result<bool> TransferQueue::Enqueue(std::string_view package_id, const std::filesystem::path& file,
                                    int priority, int64_t now) {
  if (package_id.empty() || package_id.find('/') != std::string_view::npos)
    return InvalidArgument("package id '" + std::string(package_id) + "' is empty or has a '/'");
  struct stat st{};
  if (::stat(file.c_str(), &st) != 0) return ErrnoStatus("package " + file.string(), errno);
  INTAKE_ASSIGN_OR_RETURN(std::string sha256, Sha256FileHex(file));
  INTAKE_ASSIGN_OR_RETURN(auto existing, Get(package_id));
  if (existing) {
    if (existing->sha256 == sha256) return false;
    return Status(Code::kAlreadyExists,
                  "case " + std::string(package_id) +
                      " is already queued with other content; a case is sent once (seal a new case)");
  }
  INTAKE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT OR IGNORE INTO packages (package_id, path, size, sha256, "
                               "priority, enqueued_at, next_try) VALUES (?,?,?,?,?,?,?)"));
  insert.Bind(1, package_id).Bind(2, std::filesystem::absolute(file).string());
  insert.Bind(3, static_cast<int64_t>(st.st_size)).Bind(4, sha256);
  insert.Bind(5, static_cast<int64_t>(priority)).Bind(6, now).Bind(7, now);
  INTAKE_RETURN_IF_ERROR(insert.Run());
  return db_.Changes() == 1;
}

Result<std::optional<QueuedPackage>> TransferQueue::NextDue(int64_t now) {
  INTAKE_ASSIGN_OR_RETURN(
      auto s, db_.Prepare("SELECT " + std::string(kColumns) +
                          " FROM packages WHERE state IN (0,1) AND next_try <= ? "
                          "ORDER BY priority DESC, enqueued_at, package_id LIMIT 1"));
  s.Bind(1, now);
  INTAKE_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<QueuedPackage>();
  return std::optional<QueuedPackage>(ReadRow(s));
}

Result<std::optional<int64_t>> TransferQueue::EarliestNextTry() {
  INTAKE_ASSIGN_OR_RETURN(auto s,
                          db_.Prepare("SELECT MIN(next_try) FROM packages WHERE state IN (0,1)"));
  INTAKE_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row || s.ColumnIsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(s.ColumnInt64(0));
}

Result<std::optional<QueuedPackage>> TransferQueue::Get(std::string_view package_id) {
  INTAKE_ASSIGN_OR_RETURN(
      auto s, db_.Prepare("SELECT " + std::string(kColumns) + " FROM packages WHERE package_id=?"));
  s.Bind(1, package_id);
  INTAKE_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<QueuedPackage>();
  return std::optional<QueuedPackage>(ReadRow(s));
}

Result<std::vector<QueuedPackage>> TransferQueue::List() {
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT " + std::string(kColumns) +
                                              " FROM packages ORDER BY enqueued_at, package_id"));
  std::vector<QueuedPackage> out;
  for (;;) {
    INTAKE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadRow(s));
  }
  return out;
}

Status TransferQueue::Update(std::string_view sql, std::string_view package_id) {
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare(sql));
  s.Bind(1, package_id);
  INTAKE_RETURN_IF_ERROR(s.Run());
  if (db_.Changes() == 0) return NotFound("package " + std::string(package_id) + " is not queued");
  return Status::Ok();
}

Status TransferQueue::MarkUploading(std::string_view package_id) {
  return Update("UPDATE packages SET state=1, attempts=attempts+1 WHERE package_id=? AND state IN (0,1)",
                package_id);
}

Status TransferQueue::SetUploadUrl(std::string_view package_id, std::string_view url) {
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE packages SET upload_url=? WHERE package_id=?"));
  s.Bind(1, url).Bind(2, package_id);
  return s.Run();
}

Status TransferQueue::MarkRetry(std::string_view package_id, std::string_view error,
                                int64_t next_try) {
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE packages SET state=0, last_error=?, next_try=? "
                                              "WHERE package_id=? AND state IN (0,1)"));
  s.Bind(1, error).Bind(2, next_try).Bind(3, package_id);
  return s.Run();
}

Status TransferQueue::MarkDelivered(std::string_view package_id, std::string_view receipt_json,
                                    int64_t now) {
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare("UPDATE packages SET state=2, last_error='', receipt=?, "
                                              "delivered_at=? WHERE package_id=? AND state IN (0,1)"));
  s.Bind(1, receipt_json).Bind(2, now).Bind(3, package_id);
  return s.Run();
}

Result<int> TransferQueue::PurgeDelivered(int64_t delivered_before) {
  INTAKE_ASSIGN_OR_RETURN(auto pending, List());
  int purged = 0;
  for (const auto& p : pending) {
    if (p.state != PackageState::kDelivered || p.delivered_at >= delivered_before) continue;
    std::error_code ec;
    std::filesystem::remove(p.path, ec);
    if (ec) return IoError("remove delivered package " + p.path.string() + ": " + ec.message());
    INTAKE_RETURN_IF_ERROR(Update("UPDATE packages SET state=3 WHERE package_id=? AND state=2",
                                  p.package_id));
    ++purged;
  }
  return purged;
}

}  // namespace intake::transfer
