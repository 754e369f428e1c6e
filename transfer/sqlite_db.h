// SqliteDb and SqliteStatement: the single owners of a sqlite3* connection and a
// sqlite3_stmt* (finalized/closed on destruction). Errors are translated to Status here,
// with the SQLite message and the database path as context.
//
// Thread safety: one SqliteDb per thread (SQLite is built serialized, but statements are not
// shareable); open a second connection for a second thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace intake::transfer {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQLite.
  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& Bind(int index, std::string_view value);
  SqliteStatement& BindNull(int index);

  // Returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;  // borrowed, for error messages
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database in WAL mode with synchronous=FULL and a busy
  // timeout, so that concurrent processes (daemon + CLI) wait rather than fail.
  static Result<SqliteDb> Open(const std::filesystem::path& path);

  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Status Exec(std::string_view sql);
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;

 private:
  SqliteDb(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  Status Error(std::string_view what) const;
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace intake::transfer
