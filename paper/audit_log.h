// AuditLog: the append-only, hash-chained trail of every paper event.
//
// One JSON object per line, keys in a fixed order:
//   {"seq":N,"at":"...Z","actor":"...","event":"...","subject":"...","detail":"...",
//    "prev":"<64 hex>","hash":"<64 hex>"}
// hash = SHA-256 over the line's bytes up to and including `"prev":"<hex>"` (the prefix
// before `,"hash"`), so it covers seq, time, actor, event, subject, detail and the previous
// entry's hash. The first entry's prev is 64 zeros. A changed entry breaks its own hash; a
// removed or reordered entry breaks seq continuity and the next entry's prev. Removing entries
// at the END is caught against an anchor (last seq + hash) kept elsewhere — the ledger stores it
// in SQLite in the same transaction as the event.
//
// Contract: subjects and details carry ids (case, item, register), never personal data.
// Each Append writes one line with O_APPEND and fsyncs before returning.
// Thread safety: one AuditLog per file per process; not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/unique_fd.h"
#include "paper/paper_time.h"

namespace intake::paper {

struct AuditEntry {
  uint64_t seq = 0;
  std::string at;       // UTC instant
  std::string actor;    // operator / courier / back-office clerk id
  std::string event;    // e.g. "paper.recorded", "paper.handed_to_courier"
  std::string subject;  // case, item or register id
  std::string detail;   // free text without personal data
  std::string prev;     // hex SHA-256 of the previous entry
  std::string hash;     // hex SHA-256 of this entry
};

struct AuditAnchor {
  uint64_t seq = 0;      // 0: empty log
  std::string hash;      // hash of entry `seq`
};

class AuditLog {
 public:
  // Opens or creates the log. A final line without '\n' (a crash mid-append) is cut off;
  // the last complete entry gives the chain head. Fails (kCorrupt) when that entry is unreadable.
  static Result<std::unique_ptr<AuditLog>> Open(const std::filesystem::path& path);

  Result<AuditEntry> Append(Instant at, std::string actor, std::string event,
                            std::string subject, std::string detail);

  AuditAnchor head() const { return head_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  AuditLog(std::filesystem::path path, UniqueFd fd, AuditAnchor head)
      : path_(std::move(path)), fd_(std::move(fd)), head_(std::move(head)) {}
  std::filesystem::path path_;
  UniqueFd fd_;
  AuditAnchor head_;
};

struct AuditProblem {
  enum class Kind { kUnreadable, kChanged, kRemoved, kOutOfOrder, kChainBroken, kAnchorMismatch,
                    kRemovedAtEnd, kIncompleteLine };
  uint64_t line = 0;         // 1-based line in the file; 0 for whole-log problems
  std::string what;          // English, e.g. "entry changed: hash mismatch"
  Kind kind = Kind::kChanged;
};

struct AuditVerifyReport {
  uint64_t entries = 0;
  AuditAnchor head;
  std::vector<AuditProblem> problems;  // empty: the chain is intact
  // Entries after the anchor (a crash between the log append and the ledger commit): reported,
  // not a failure.
  uint64_t entries_after_anchor = 0;
  bool ok() const { return problems.empty(); }
};

// Reads and checks the whole chain. Fails only when the file cannot be read; tampering is
// reported in the report's problems.
Result<AuditVerifyReport> VerifyAuditLog(const std::filesystem::path& path,
                                         const std::optional<AuditAnchor>& anchor);

// Formats the chained line for an entry (without the trailing '\n') and fills entry.hash.
std::string FormatAuditLine(AuditEntry& entry);

}  // namespace intake::paper
