// UploadStore: the receiver's on-disk state of tus uploads, in one directory:
//   <id>.info  JSON written atomically at creation (length, metadata, times, filed case)
//   <id>.part  the bytes received so far; its size IS the upload offset
// Deriving the offset from the file size keeps the two consistent after kill -9; a PATCH
// fsyncs before it acknowledges, so an acknowledged offset also survives a power cut.
//
// An upload whose package has been filed keeps a small tombstone (.info with the case id,
// no .part) until it expires, so a client that lost the final response learns from HEAD that
// the upload is complete instead of sending it again.
//
// Thread safety: methods are safe from many threads; callers serialise access to one
// upload with LockUpload().
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::transfer {

struct UploadInfo {
  std::string id;
  int64_t length = 0;
  int64_t offset = 0;
  std::string metadata_header;                  // Upload-Metadata as received
  std::map<std::string, std::string> metadata;  // decoded
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::string filed_case_id;  // set once the package was filed (tombstone)
};

// Decodes "key b64,key b64,key" (tus Upload-Metadata).
Result<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header);

class UploadStore {
 public:
  static Result<std::unique_ptr<UploadStore>> Open(const std::filesystem::path& dir);

  Result<UploadInfo> Create(int64_t length, std::string_view metadata_header, int64_t now,
                            int64_t expires_in_seconds);
  // kNotFound for unknown ids (and malformed ones).
  Result<UploadInfo> Get(std::string_view id);
  std::filesystem::path PartPath(std::string_view id) const;
  // Marks the upload filed: rewrites .info with the case id; the .part must be gone already.
  Status MarkFiled(const UploadInfo& info, std::string_view case_id);
  // Removes both files (termination, expiry, rejected package).
  Status Remove(std::string_view id);
  // Removes every upload whose expires_at is before `now`. Returns how many.
  int RemoveExpired(int64_t now);
  // Ids of uploads complete on disk but not yet filed (for recovery after a crash).
  std::vector<std::string> CompleteUnfiled();
  // Bytes held in .part files (for the storage quota).
  int64_t BytesHeld();

  // Serialises writers of one upload; try_lock_for gives up after `wait`.
  std::shared_ptr<std::timed_mutex> LockFor(std::string_view id);

 private:
  explicit UploadStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status WriteInfo(const UploadInfo& info);
  std::filesystem::path dir_;
  std::mutex locks_mutex_;
  std::map<std::string, std::weak_ptr<std::timed_mutex>> locks_;
};

}  // namespace intake::transfer
