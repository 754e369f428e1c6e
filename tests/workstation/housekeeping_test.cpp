#include "workstation/housekeeping.h"

#include "paper/paper_types.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "workstation/demo_setup.h"
#include "workstation/workstation_ledger.h"

namespace intake {
namespace {

// The back office is down: its step fails with the reason, and the steps after it still run.
TEST(HousekeepingTest, AnUnreachableBackOfficeDoesNotStopOverdueAndPurge) {
  testing::TempDir dir;
  DemoLayout layout;
  layout.root = dir.path() / "site";
  const int port = testing::FreeLoopbackPort();  // nothing listens there
  auto config = PrepareDemo(layout, "http://127.0.0.1:" + std::to_string(port));
  ASSERT_OK(config);
  {
    auto ledger = OpenWorkstationLedger(*config);
    ASSERT_OK(ledger);
    paper::CaseIntake intake;
    intake.case_id = "20261002-WS01-0001";
    intake.back_office = "uszn-district-1";
    intake.initials = "Ш. Т. Г.";
    intake.items.push_back({"20261002-WS01-0001-1", "d1", "application_form",
                            paper::PaperKind::kOriginal, 1});
    ASSERT_OK((*ledger)->RecordCase(intake, paper::Now() - std::chrono::days(30)));
  }
  HousekeepingReport report = RunHousekeeping(*config, paper::Now());
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].code(), Code::kUnavailable) << report.problems[0].ToString();
  EXPECT_NE(report.problems[0].message().find("paper confirmations"), std::string::npos);
  ASSERT_EQ(report.overdue.size(), 1u);
  EXPECT_EQ(report.overdue[0].item_id, "20261002-WS01-0001-1");
  EXPECT_NE(OverdueLogLine(report).find("20261002-WS01-0001-1"), std::string::npos);
  EXPECT_EQ(OverdueLogLine(report).find("Ш."), std::string::npos);
  EXPECT_TRUE(report.purged_cases.empty()) << "an open case is never purged";
}

}  // namespace
}  // namespace intake
