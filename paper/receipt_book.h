// ReceiptBook: the back office's record of paper registers it received (SQLite, WAL) and the
// outbox of signed confirmations waiting for each workstation to collect them through the
// receiver. Knowing every register received lets the desk flag a register received twice.
//
// Thread safety: one ReceiptBook per thread; processes share the file through SQLite locking.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_time.h"
#include "transfer/sqlite_db.h"  // the project's one SQLite wrapper (no sqlite3.h inside)

namespace intake::paper {

struct OutboxMessage {
  int64_t seq = 0;             // increasing per book; workstations ask for messages after a seq
  std::string workstation;
  std::string confirmation_id;
  std::string wire;            // the signed confirmation (confirmation.h)
};

class ReceiptBook {
 public:
  static Result<std::unique_ptr<ReceiptBook>> Open(const std::filesystem::path& path);
  ~ReceiptBook();
  ReceiptBook(const ReceiptBook&) = delete;
  ReceiptBook& operator=(const ReceiptBook&) = delete;

  // When the register was first received, if it was.
  Result<std::optional<std::string>> FirstReceipt(const std::string& register_id) const;

  // Records a receipt and queues its signed confirmation for the register's workstation, in one
  // transaction. Idempotent by confirmation id.
  Status Record(const std::string& register_id, const std::string& received_by, Instant at,
                int findings, const std::string& confirmation_id, const std::string& wire);

  // Confirmations for `workstation` with seq > after_seq, oldest first.
  Result<std::vector<OutboxMessage>> Outbox(const std::string& workstation,
                                            int64_t after_seq) const;
  // Every workstation's messages not yet handed to the receiver (seq > posted cursor).
  Result<std::vector<OutboxMessage>> Unposted() const;
  Status MarkPosted(int64_t seq);

 private:
  explicit ReceiptBook(std::unique_ptr<transfer::SqliteDb> db);
  std::unique_ptr<transfer::SqliteDb> db_;
};

// "R-20261124-WS01-001" → "WS01"; "" when malformed.
std::string WorkstationOfRegister(const std::string& register_id);

}  // namespace intake::paper
