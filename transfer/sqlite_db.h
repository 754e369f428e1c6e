// SqliteDb and SqliteStatement: the single owners of a sqlite3* connection and a
// sqlite3_stmt* (finalized/closed on destruction; move-only). Errors are translated to Status
// here, once, with the SQLite message, the statement and the database path as context. The one
// SQLite wrapper of the project: the transfer queue and the paper ledger / receipt book use it
// (no sqlite3.h leaks: the C types are forward-declared).
//
// Thread safety: one SqliteDb per thread (statements are not shareable); open a second
// connection for a second thread. Several processes may open the same file (WAL, busy timeout).
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

  // Parameters are 1-based, as in SQLite; values are copied. A failed bind is reported by the
  // next Step()/Run().
  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& Bind(int index, std::string_view value);
  SqliteStatement& BindNull(int index);
  SqliteStatement& BindOptional(int index, const std::optional<std::string>& text);

  // Returns true when a row is available, false when done.
  Result<bool> Step();
  // Runs the statement to completion, ignoring rows.
  Status Run();

  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;  // "" for NULL
  std::optional<std::string> ColumnOptionalText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;  // borrowed, for error messages
  Status bind_status_;     // first bind failure, reported by Step()
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database in WAL mode with synchronous=FULL (a committed
  // change survives a power cut), foreign keys on, and a busy timeout, so that concurrent
  // processes (daemon + CLI) wait rather than fail.
  static Result<SqliteDb> Open(const std::filesystem::path& path);

  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Status Exec(std::string_view sql);  // one or more statements, no rows
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;

  // BEGIN IMMEDIATE ... COMMIT; rolled back when the guard dies without Commit(). Borrows the
  // connection, which must outlive it.
  class Transaction {
   public:
    explicit Transaction(SqliteDb& db) : db_(&db) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Status Begin();
    Status Commit();

   private:
    SqliteDb* db_;
    bool open_ = false;
  };

 private:
  SqliteDb(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace intake::transfer
