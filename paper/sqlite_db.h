// SqliteDb and SqliteStatement: the single owners of an sqlite3 connection and of a prepared
// statement (RAII, move-only). Errors from SQLite are translated into Status here, once, with
// the SQL step that failed as context. Used by the paper ledger and the back-office receipt
// book; internal to paper/ (no sqlite3.h leaks: the C types are forward-declared).
//
// Thread safety: a connection and its statements belong to one thread at a time.
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

namespace intake::paper {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Binds by 1-based index. Values are copied (SQLITE_TRANSIENT).
  SqliteStatement& Bind(int index, std::string_view text);
  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& BindNull(int index);
  SqliteStatement& BindOptional(int index, const std::optional<std::string>& text);

  // Step(): true when a row is available, false when done; errors as Status.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();

  std::string Text(int column) const;  // "" for NULL
  std::optional<std::string> OptionalText(int column) const;
  int64_t Int(int column) const;
  bool IsNull(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;  // borrowed, for error messages
  Status bind_status_;     // first bind failure, reported by Step()
};

class SqliteDb {
 public:
  // Opens (creating) the database file, in WAL mode with synchronous=FULL and foreign keys on;
  // waits up to 5 s on a lock held by another process.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::filesystem::path& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status Exec(std::string_view sql);  // one or more statements, no rows
  Result<SqliteStatement> Prepare(std::string_view sql);
  int64_t Changes() const;

  // BEGIN IMMEDIATE ... COMMIT; rolled back when the guard dies without Commit().
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
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace intake::paper
