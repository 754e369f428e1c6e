// The bag as one byte stream (the plaintext inside an encrypted package).
//
// Format (all integers big-endian):
//   "INTKBAG1"
//   per file, in sorted path order:  'F' | u16 path length | path (UTF-8, '/'-separated,
//                                    CheckBagPath-clean) | u64 size | size bytes
//   end:                             'E' | u64 file count
// Directories are implied by paths; only regular files are carried. Both directions stream
// in bounded memory.
// Thread safety: a BagStreamReader is single-threaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "core/status.h"
#include "core/unique_fd.h"

namespace intake::signing {

using ByteSink = std::function<Status(std::span<const uint8_t>)>;

// Streams every regular file under bag_dir into `sink`. kInvalidArgument for links or special
// files in the bag. Returns the number of files.
Result<uint64_t> WriteBagStream(const std::filesystem::path& bag_dir, const ByteSink& sink);

// Rebuilds a bag from a stream fed in arbitrary pieces. Files are created under out_dir
// (which must exist); paths are checked with CheckBagPath, duplicates rejected. Files are
// not fsynced: the caller syncs the tree when the stream is complete.
// Errors are kCorrupt and name the file and offset.
class BagStreamReader {
 public:
  explicit BagStreamReader(std::filesystem::path out_dir) : out_dir_(std::move(out_dir)) {}
  Status Feed(std::span<const uint8_t> bytes);
  // OK only when the end record was read and no bytes followed it.
  Status Finish();
  uint64_t files() const { return files_; }
  uint64_t bytes() const { return consumed_; }

 private:
  enum class State { kMagic, kRecordType, kPathLength, kPath, kSize, kContent, kCount, kDone };
  Status Step(std::span<const uint8_t>& bytes);
  Status StartFile();
  Status EndFile();
  // Collects `n` header bytes into pending_; true when complete.
  bool Collect(std::span<const uint8_t>& bytes, size_t n);

  std::filesystem::path out_dir_;
  State state_ = State::kMagic;
  std::string pending_;
  std::string path_;
  uint64_t remaining_ = 0;
  uint64_t files_ = 0;
  uint64_t consumed_ = 0;
  UniqueFd file_;
};

}  // namespace intake::signing
