// FolderImportLedger: the durable record of files a watched folder has imported, so that each
// file is imported once even across restarts and even when a scanner sends the same file again
// under the same or another name.
//
// An append-only text file, one line per imported file:
//   <fingerprint> TAB <destination> TAB <pages> TAB <UTC time> TAB <file name> LF
// Each append is fsynced before Record returns. A torn last line (power cut mid-append) is
// ignored when the ledger is loaded. The ledger lives in the watched folder's state directory
// (<watch>/.intake/imported.tsv), beside the files it describes.
//
// Thread safety: one ledger object per file, used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/status.h"
#include "core/unique_fd.h"

namespace intake::capture {

// "fnv1a64:<16 hex digits>:<size>" over the whole content. Not cryptographic: it tells apart
// the files of one scanner inbox, it does not defend against forgery.
Result<std::string> FolderImportFingerprint(const std::filesystem::path& path);

class FolderImportLedger {
 public:
  struct Entry {
    std::string destination;  // the case the file went into
    int pages = 0;
    std::string imported_at;
    std::string file_name;
  };

  // Opens (creating if needed) the ledger file and loads it.
  static Result<FolderImportLedger> Open(const std::filesystem::path& file);

  // The entry for a fingerprint, or nullptr.
  const Entry* Find(const std::string& fingerprint) const;

  // Appends and fsyncs one line. Names containing tabs or newlines are sanitised.
  Status Record(const std::string& fingerprint, Entry entry);

  std::size_t size() const { return entries_.size(); }

 private:
  FolderImportLedger(std::filesystem::path file, UniqueFd fd)
      : file_(std::move(file)), fd_(std::move(fd)) {}
  std::filesystem::path file_;
  UniqueFd fd_;  // O_APPEND
  std::map<std::string, Entry> entries_;
};

}  // namespace intake::capture
