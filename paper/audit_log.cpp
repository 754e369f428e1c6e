#include "paper/audit_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file_util.h"
#include "core/log.h"
#include "transfer/digest.h"

namespace intake::paper {
namespace {

const std::string kZeroHash(64, '0');

using transfer::Sha256Hex;

std::string Quote(const std::string& s) { return nlohmann::json(s).dump(); }

// The part of the line the hash covers.
std::string HashedPrefix(const AuditEntry& e) {
  return "{\"seq\":" + std::to_string(e.seq) + ",\"at\":" + Quote(e.at) +
         ",\"actor\":" + Quote(e.actor) + ",\"event\":" + Quote(e.event) +
         ",\"subject\":" + Quote(e.subject) + ",\"detail\":" + Quote(e.detail) +
         ",\"prev\":" + Quote(e.prev);
}

// Parses one line; the line must be exactly what FormatAuditLine would produce.
Result<AuditEntry> ParseLine(const std::string& line) {
  AuditEntry e;
  try {
    auto j = nlohmann::json::parse(line);
    e.seq = j.at("seq").get<uint64_t>();
    e.at = j.at("at").get<std::string>();
    e.actor = j.at("actor").get<std::string>();
    e.event = j.at("event").get<std::string>();
    e.subject = j.at("subject").get<std::string>();
    e.detail = j.at("detail").get<std::string>();
    e.prev = j.at("prev").get<std::string>();
    e.hash = j.at("hash").get<std::string>();
  } catch (const nlohmann::json::exception& ex) {
    return Corrupt(std::string("unreadable audit entry: ") + ex.what());
  }
  return e;
}

}  // namespace

std::string FormatAuditLine(AuditEntry& entry) {
  std::string prefix = HashedPrefix(entry);
  entry.hash = Sha256Hex(prefix);
  return prefix + ",\"hash\":" + Quote(entry.hash) + "}";
}

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::filesystem::path& path) {
  if (path.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(path.parent_path(), 0700));
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
  if (!fd) return ErrnoStatus("open audit log " + path.string(), errno);
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  if (!text.empty() && text.back() != '\n') {
    size_t keep = text.rfind('\n');
    keep = keep == std::string::npos ? 0 : keep + 1;
    if (::ftruncate(fd.get(), static_cast<off_t>(keep)) != 0) {
      return ErrnoStatus("cut torn tail of audit log " + path.string(), errno);
    }
    if (::fsync(fd.get()) != 0) return ErrnoStatus("fsync audit log", errno);
    LogWarning("paper.audit", "cut a torn final line (" + std::to_string(text.size() - keep) +
                                  " bytes) from " + path.string());
    text.resize(keep);
  }
  AuditAnchor head{0, kZeroHash};
  if (!text.empty()) {
    size_t start = text.rfind('\n', text.size() - 2);
    start = start == std::string::npos ? 0 : start + 1;
    auto last = ParseLine(text.substr(start, text.size() - 1 - start));
    if (!last.ok()) return last.status().WithContext(path.string() + " (last entry)");
    head = {last->seq, last->hash};
  }
  return std::unique_ptr<AuditLog>(new AuditLog(path, std::move(fd), head));
}

Result<AuditEntry> AuditLog::Append(Instant at, std::string actor, std::string event,
                                    std::string subject, std::string detail) {
  AuditEntry entry{head_.seq + 1,     FormatInstant(at), std::move(actor), std::move(event),
                   std::move(subject), std::move(detail), head_.hash,      ""};
  std::string line = FormatAuditLine(entry) + "\n";
  ssize_t written = ::write(fd_.get(), line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size())) {
    int err = written < 0 ? errno : EIO;
    // Leave no partial line behind: the next Open would cut it anyway.
    return ErrnoStatus("append to audit log " + path_.string(), err);
  }
  if (::fsync(fd_.get()) != 0) return ErrnoStatus("fsync audit log " + path_.string(), errno);
  head_ = {entry.seq, entry.hash};
  return entry;
}

Result<AuditVerifyReport> VerifyAuditLog(const std::filesystem::path& path,
                                         const std::optional<AuditAnchor>& anchor) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  AuditVerifyReport report;
  report.head = {0, kZeroHash};
  std::istringstream in(text);
  std::string line;
  uint64_t number = 0;
  bool anchor_seen = !anchor || anchor->seq == 0;
  while (std::getline(in, line)) {
    ++number;
    auto parsed = ParseLine(line);
    if (!parsed.ok()) {
      report.problems.push_back({number, "entry unreadable (changed or damaged)", AuditProblem::Kind::kUnreadable});
      continue;
    }
    AuditEntry e = *parsed;
    std::string stored_hash = e.hash;
    std::string recomputed = FormatAuditLine(e);
    if (recomputed != line) {
      report.problems.push_back(
          {number, e.hash != stored_hash ? "entry changed: its hash does not match its content"
                                         : "entry changed: not in canonical form",
           AuditProblem::Kind::kChanged});
    }
    if (e.seq != report.head.seq + 1) {
      report.problems.push_back(
          {number, e.seq <= report.head.seq
                       ? "entry out of order: seq " + std::to_string(e.seq) + " after " +
                             std::to_string(report.head.seq)
                       : "entries removed: seq " + std::to_string(e.seq) + " follows " +
                             std::to_string(report.head.seq),
           e.seq <= report.head.seq ? AuditProblem::Kind::kOutOfOrder
                                    : AuditProblem::Kind::kRemoved});
    } else if (e.prev != report.head.hash) {
      report.problems.push_back({number, "chain broken: prev does not match the hash of entry " +
                                             std::to_string(report.head.seq),
                                 AuditProblem::Kind::kChainBroken});
    }
    if (anchor_seen && anchor && e.seq > anchor->seq) ++report.entries_after_anchor;
    if (anchor && e.seq == anchor->seq) {
      anchor_seen = true;
      if (stored_hash != anchor->hash) {
        report.problems.push_back({number, "entry " + std::to_string(e.seq) +
                                               " differs from the ledger's anchor",
                                 AuditProblem::Kind::kAnchorMismatch});
      }
    }
    report.head = {e.seq, stored_hash};
    ++report.entries;
  }
  if (!text.empty() && text.back() != '\n') {
    report.problems.push_back({number, "last line incomplete", AuditProblem::Kind::kIncompleteLine});
  }
  if (anchor && !anchor_seen) {
    report.problems.push_back(
        {0, "entries removed at the end: the ledger's anchor is entry " +
                std::to_string(anchor->seq) + " but the log ends at " +
                std::to_string(report.head.seq),
         AuditProblem::Kind::kRemovedAtEnd});
  }
  return report;
}

}  // namespace intake::paper
