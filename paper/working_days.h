// Working-day deadlines for paper originals. A deadline is N working days after the day the
// item was recorded; Saturdays and Sundays are not working days, nor is any date in the
// holiday list (configurable: Ukraine moves and suspends public holidays by decree, so the list
// is data, not code). Pure; thread-safe.
#pragma once

#include <filesystem>
#include <set>

#include "core/status.h"
#include "paper/paper_time.h"

namespace intake::paper {

struct DeadlinePolicy {
  int working_days = 10;     // items must reach the back office within this many working days
  bool saturday_off = true;
  bool sunday_off = true;
  std::set<Date> holidays;   // non-working dates besides weekends
};

bool IsWorkingDay(Date d, const DeadlinePolicy& policy);

// The working_days-th working day strictly after `start`.
Date DueDate(Date start, const DeadlinePolicy& policy);

// Working days from `due` (exclusive) to `today` (inclusive): 0 when today <= due.
int WorkingDaysLate(Date due, Date today, const DeadlinePolicy& policy);

// A holiday file: one date per line (YYYY-MM-DD or DD.MM.YYYY), '#' starts a comment.
// Fails with the line number of the first malformed line.
Result<std::set<Date>> LoadHolidays(const std::filesystem::path& path);

}  // namespace intake::paper
