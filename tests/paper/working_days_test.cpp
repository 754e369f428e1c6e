#include "paper/working_days.h"

#include <fstream>

#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

Date D(const char* s) { return *ParseDate(s); }

TEST(WorkingDaysTest, SkipsWeekends) {
  DeadlinePolicy p;
  p.working_days = 5;
  // Monday 23.11.2026 + 5 working days = Monday 30.11.2026.
  EXPECT_EQ(FormatDate(DueDate(D("2026-11-23"), p)), "2026-11-30");
  // Friday + 1 working day = Monday.
  p.working_days = 1;
  EXPECT_EQ(FormatDate(DueDate(D("2026-11-27"), p)), "2026-11-30");
  // Saturday intake + 1 = Monday.
  EXPECT_EQ(FormatDate(DueDate(D("2026-11-28"), p)), "2026-11-30");
}

TEST(WorkingDaysTest, SkipsHolidaysFromFile) {
  testing::TempDir dir;
  auto path = dir.path() / "holidays.txt";
  std::ofstream(path) << "# public holidays\n2026-12-25  # Christmas\n\n01.01.2027\n";
  auto holidays = LoadHolidays(path);
  ASSERT_OK(holidays);
  EXPECT_EQ(holidays->size(), 2u);
  DeadlinePolicy p;
  p.working_days = 3;
  p.holidays = *holidays;
  // Wed 23.12 + 3: Thu 24, (Fri 25 holiday), Mon 28, Tue 29.
  EXPECT_EQ(FormatDate(DueDate(D("2026-12-23"), p)), "2026-12-29");
  EXPECT_FALSE(IsWorkingDay(D("2027-01-01"), p));
}

TEST(WorkingDaysTest, MalformedHolidayLineNamesTheLine) {
  testing::TempDir dir;
  auto path = dir.path() / "holidays.txt";
  std::ofstream(path) << "2026-12-25\n2026-13-01\n";
  auto holidays = LoadHolidays(path);
  ASSERT_FALSE(holidays.ok());
  EXPECT_NE(holidays.status().message().find(":2"), std::string::npos)
      << holidays.status().message();
}

TEST(WorkingDaysTest, LateCountsOnlyWorkingDays) {
  DeadlinePolicy p;
  EXPECT_EQ(WorkingDaysLate(D("2026-11-27"), D("2026-11-27"), p), 0);
  EXPECT_EQ(WorkingDaysLate(D("2026-11-27"), D("2026-11-29"), p), 0);  // weekend
  EXPECT_EQ(WorkingDaysLate(D("2026-11-27"), D("2026-12-01"), p), 2);
}

TEST(WorkingDaysTest, SaturdayCanBeAWorkingDay) {
  DeadlinePolicy p;
  p.working_days = 1;
  p.saturday_off = false;
  EXPECT_EQ(FormatDate(DueDate(D("2026-11-27"), p)), "2026-11-28");
}

}  // namespace
}  // namespace intake::paper
