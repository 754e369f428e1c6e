#include "capture/folder_import_ledger.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <vector>

#include "core/file_util.h"
#include "core/log.h"

namespace intake::capture {
namespace {

std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Sanitise(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

}  // namespace

Result<std::string> FolderImportFingerprint(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("cannot open " + path.string(), errno);
  std::uint64_t hash = 0xcbf29ce484222325ull;
  std::uint64_t size = 0;
  std::vector<unsigned char> buffer(1 << 20);
  while (true) {
    ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("cannot read " + path.string(), errno);
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      hash ^= buffer[static_cast<std::size_t>(i)];
      hash *= 0x100000001b3ull;
    }
    size += static_cast<std::uint64_t>(n);
  }
  char text[64];
  std::snprintf(text, sizeof text, "fnv1a64:%016llx:%llu", static_cast<unsigned long long>(hash),
                static_cast<unsigned long long>(size));
  return std::string(text);
}

Result<FolderImportLedger> FolderImportLedger::Open(const std::filesystem::path& file) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(file.parent_path()));
  UniqueFd fd(::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) return ErrnoStatus("cannot open the import ledger " + file.string(), errno);
  INTAKE_RETURN_IF_ERROR(SyncDirectory(file.parent_path()));  // the file's creation is durable
  INTAKE_ASSIGN_OR_RETURN(std::string content, ReadFile(file));
  FolderImportLedger ledger(file, std::move(fd));
  std::istringstream lines(content);
  std::string line;
  int torn = 0;
  while (std::getline(lines, line)) {
    if (lines.eof() && !content.empty() && content.back() != '\n') {
      ++torn;  // the last append did not finish
      break;
    }
    auto fields = SplitTabs(line);
    if (fields.size() != 5) {
      ++torn;
      continue;
    }
    ledger.entries_[fields[0]] = Entry{fields[1], std::atoi(fields[2].c_str()), fields[3],
                                       fields[4]};
  }
  if (torn > 0) {
    LogWarning("capture", "import ledger " + file.string() + ": ignored " +
                              std::to_string(torn) + " incomplete line(s)");
    // Start the next record on a fresh line so it is not glued to the torn one.
    if (!content.empty() && content.back() != '\n' && ::write(ledger.fd_.get(), "\n", 1) != 1) {
      return ErrnoStatus("cannot repair the import ledger " + file.string(), errno);
    }
  }
  return ledger;
}

const FolderImportLedger::Entry* FolderImportLedger::Find(const std::string& fingerprint) const {
  auto it = entries_.find(fingerprint);
  return it == entries_.end() ? nullptr : &it->second;
}

Status FolderImportLedger::Record(const std::string& fingerprint, Entry entry) {
  if (entry.imported_at.empty()) entry.imported_at = UtcNow();
  entry.destination = Sanitise(entry.destination);
  entry.file_name = Sanitise(entry.file_name);
  const std::string line = Sanitise(fingerprint) + "\t" + entry.destination + "\t" +
                           std::to_string(entry.pages) + "\t" + entry.imported_at + "\t" +
                           entry.file_name + "\n";
  // One write call with O_APPEND: the line lands whole or (on a crash) torn at the end.
  ssize_t n = ::write(fd_.get(), line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    return ErrnoStatus("cannot append to the import ledger " + file_.string(), n < 0 ? errno : EIO);
  }
  if (::fdatasync(fd_.get()) != 0) {
    return ErrnoStatus("cannot sync the import ledger " + file_.string(), errno);
  }
  entries_[fingerprint] = std::move(entry);
  return Status::Ok();
}

}  // namespace intake::capture
