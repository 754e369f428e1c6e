#include "workstation/case_id.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <regex>

#include "core/file_util.h"
#include "core/unique_fd.h"

namespace intake {

bool IsValidWorkstationId(const std::string& id) {
  if (id.empty() || id.size() > 16) return false;
  for (unsigned char c : id)
    if (!std::isalnum(c)) return false;
  return true;
}

bool IsValidCaseId(const std::string& id) {
  static const std::regex kPattern("^[0-9]{8}-[A-Za-z0-9]{1,16}-[0-9]{4,}$");
  return std::regex_match(id, kPattern);
}

static std::string DayStamp(std::chrono::system_clock::time_point day) {
  std::time_t t = std::chrono::system_clock::to_time_t(day);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y%m%d", &tm);
  return buffer;
}

Result<std::string> AllocateCaseId(const std::filesystem::path& spool_dir,
                                   const std::string& workstation_id,
                                   std::chrono::system_clock::time_point day) {
  if (!IsValidWorkstationId(workstation_id))
    return InvalidArgument("workstation id '" + workstation_id +
                           "' must be 1-16 letters or digits (set workstation_id in the config)");
  INTAKE_RETURN_IF_ERROR(MakeDirectories(spool_dir, 0700));
  const std::filesystem::path lock_path = spool_dir / "case-counter.lock";
  UniqueFd lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!lock) return ErrnoStatus("open " + lock_path.string(), errno);
  if (::flock(lock.get(), LOCK_EX) != 0) return ErrnoStatus("lock " + lock_path.string(), errno);

  const std::string stamp = DayStamp(day);
  const std::filesystem::path counter_path = spool_dir / "case-counter";
  int next = 1;
  auto current = ReadFile(counter_path);
  if (current.ok()) {
    // Format: "YYYYMMDD N\n" — the last number used on that day.
    char saved_day[16] = {0};
    int last = 0;
    if (std::sscanf(current->c_str(), "%15s %d", saved_day, &last) == 2 && stamp == saved_day)
      next = last + 1;
  } else if (current.status().code() != Code::kNotFound) {
    return current.status();
  }
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(counter_path, stamp + " " + std::to_string(next) + "\n", 0600));
  char seq[16];
  std::snprintf(seq, sizeof seq, "%04d", next);
  return stamp + "-" + workstation_id + "-" + seq;
}

}  // namespace intake
