// TransferQueue: the workstation's durable outbox of encrypted packages (SQLite, WAL).
//
// One row per package, keyed by package id (= case id): queued -> uploading -> delivered
// (receipt verified) -> purged. Every transition is one committed transaction, so the queue
// is consistent after kill -9 at any instant; a package found in `uploading` after a restart is
// simply resumed (its tus upload URL is stored). Enqueueing the same package id twice is a
// no-op, which makes delivery exactly-once per case id.
//
// Thread safety: one TransferQueue per thread; several processes (transferd, the CLI, the
// capture daemon) may open the same file concurrently (SQLite locking + busy timeout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "transfer/sqlite_db.h"

namespace intake::transfer {

enum class PackageState { kQueued, kUploading, kDelivered, kPurged };
std::string_view PackageStateName(PackageState state);

struct QueuedPackage {
  std::string package_id;
  std::filesystem::path path;
  int64_t size = 0;
  std::string sha256;  // lower-case hex of the file as enqueued
  PackageState state = PackageState::kQueued;
  int priority = 0;    // higher goes first
  int attempts = 0;
  std::string last_error;
  int64_t next_try = 0;     // Unix seconds
  std::string upload_url;   // tus upload URL once created, "" before
  int64_t enqueued_at = 0;
  int64_t delivered_at = 0;
  std::string receipt_json;  // the verified receipt, once delivered
};

class TransferQueue {
 public:
  // Opens or creates the queue database (and its schema).
  static Result<std::unique_ptr<TransferQueue>> Open(const std::filesystem::path& db_path);

  // Hashes `file` and queues it under `package_id`. Returns true when queued, false when the
  // package id is already in the queue with the same content (no-op). A different file under
  // an id already queued is kAlreadyExists (a case is sent once).
  Result<bool> Enqueue(std::string_view package_id, const std::filesystem::path& file,
                       int priority, int64_t now);

  // The next package whose turn has come: state queued/uploading, next_try <= now, highest
  // priority first, then oldest. nullopt when nothing is due.
  Result<std::optional<QueuedPackage>> NextDue(int64_t now);
  // Earliest next_try among undelivered packages (nullopt when none).
  Result<std::optional<int64_t>> EarliestNextTry();

  Result<std::optional<QueuedPackage>> Get(std::string_view package_id);
  Result<std::vector<QueuedPackage>> List();

  Status MarkUploading(std::string_view package_id);  // counts an attempt
  Status SetUploadUrl(std::string_view package_id, std::string_view url);
  Status MarkRetry(std::string_view package_id, std::string_view error, int64_t next_try);
  Status MarkDelivered(std::string_view package_id, std::string_view receipt_json, int64_t now);
  // Delivered packages older than `delivered_before`: removes their files and marks them
  // purged (the row stays, so a re-enqueue of the same case remains a no-op). Returns count.
  Result<int> PurgeDelivered(int64_t delivered_before);

 private:
  explicit TransferQueue(SqliteDb db) : db_(std::move(db)) {}
  Status Update(std::string_view sql, std::string_view package_id);
  SqliteDb db_;
};

}  // namespace intake::transfer
