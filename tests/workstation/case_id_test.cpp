#include "workstation/case_id.h"

#include <set>
#include <thread>
#include <vector>

#include "tests/support/test_util.h"

namespace intake {
namespace {

using std::chrono::system_clock;

system_clock::time_point Day(int y, int m, int d) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = 12;
  return system_clock::from_time_t(timegm(&tm));
}

TEST(CaseIdTest, SequenceRestartsEachDayAndSurvivesReopen) {
  testing::TempDir spool;
  auto a = AllocateCaseId(spool.path(), "WS01", Day(2026, 11, 23));
  auto b = AllocateCaseId(spool.path(), "WS01", Day(2026, 11, 23));
  auto c = AllocateCaseId(spool.path(), "WS01", Day(2026, 11, 24));
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  EXPECT_EQ(*a, "20261123-WS01-0001");
  EXPECT_EQ(*b, "20261123-WS01-0002");
  EXPECT_EQ(*c, "20261124-WS01-0001");
  EXPECT_TRUE(IsValidCaseId(*a));
}

TEST(CaseIdTest, ConcurrentAllocationsNeverRepeat) {
  testing::TempDir spool;
  std::vector<std::string> ids(40);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto id = AllocateCaseId(spool.path(), "WS01", Day(2026, 11, 23));
        ids[t * 10 + i] = id.ok() ? *id : "error";
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(unique.count("error"), 0u);
}

TEST(CaseIdTest, RejectsWorkstationIdThatCouldBreakPaths) {
  testing::TempDir spool;
  auto id = AllocateCaseId(spool.path(), "../x", Day(2026, 11, 23));
  EXPECT_EQ(id.status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(IsValidCaseId("20261123-WS01-01"));
}

}  // namespace
}  // namespace intake
