#include "paper/working_days.h"

#include <sstream>

#include "core/file_util.h"

namespace intake::paper {

bool IsWorkingDay(Date d, const DeadlinePolicy& policy) {
  std::chrono::weekday wd(d);
  if (policy.saturday_off && wd == std::chrono::Saturday) return false;
  if (policy.sunday_off && wd == std::chrono::Sunday) return false;
  return !policy.holidays.contains(d);
}

Date DueDate(Date start, const DeadlinePolicy& policy) {
  Date d = start;
  int remaining = policy.working_days < 0 ? 0 : policy.working_days;
  // A policy with every day off would loop forever; a year of no working day is a config bug.
  for (int guard = 0; remaining > 0 && guard < 3660; ++guard) {
    d += std::chrono::days(1);
    if (IsWorkingDay(d, policy)) --remaining;
  }
  return d;
}

int WorkingDaysLate(Date due, Date today, const DeadlinePolicy& policy) {
  int late = 0;
  for (Date d = due + std::chrono::days(1); d <= today; d += std::chrono::days(1)) {
    if (IsWorkingDay(d, policy)) ++late;
  }
  return late;
}

Result<std::set<Date>> LoadHolidays(const std::filesystem::path& path) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  std::set<Date> holidays;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    size_t e = line.find_last_not_of(" \t\r");
    auto date = ParseDate(std::string_view(line).substr(b, e - b + 1));
    if (!date.ok()) {
      return date.status().WithContext(path.string() + ":" + std::to_string(number));
    }
    holidays.insert(*date);
  }
  return holidays;
}

}  // namespace intake::paper
