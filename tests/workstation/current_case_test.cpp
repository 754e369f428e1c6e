#include "workstation/current_case.h"

#include "core/file_util.h"
#include "tests/support/test_util.h"

namespace intake {
namespace {

namespace fs = std::filesystem;

TEST(CurrentCaseTest, RemembersAnOpenCaseAcrossInstances) {
  testing::TempDir spool;
  fs::create_directories(spool.path() / "cases" / "20261123-WS01-0003");
  ASSERT_OK(WriteFileAtomic(spool.path() / "cases" / "20261123-WS01-0003" / "case.json", "{}"));
  CurrentCase current(spool.path());
  ASSERT_OK(current.Set("20261123-WS01-0003"));
  CurrentCase after_restart(spool.path());
  auto loaded = after_restart.Load();
  ASSERT_OK(loaded);
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(**loaded, "20261123-WS01-0003");
}

TEST(CurrentCaseTest, ASealedCaseIsNoLongerCurrent) {
  testing::TempDir spool;
  CurrentCase current(spool.path());
  ASSERT_OK(current.Set("20261123-WS01-0004"));  // its folder is gone (sealed)
  auto loaded = CurrentCase(spool.path()).Load();
  ASSERT_OK(loaded);
  EXPECT_FALSE(loaded->has_value());
  EXPECT_FALSE(fs::exists(current.file())) << "the stale file is cleared";
}

TEST(CurrentCaseTest, MalformedFileIsReportedNotGuessed) {
  testing::TempDir spool;
  ASSERT_OK(WriteFileAtomic(spool.path() / "current-case", "../../etc/passwd\n"));
  auto loaded = CurrentCase(spool.path()).Load();
  EXPECT_EQ(loaded.status().code(), Code::kCorrupt);
  EXPECT_EQ(CurrentCase(spool.path()).Set("x").code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace intake
