// `intake scan` and `intake devices` as the operator runs them: lines per page, exit codes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
};

// Runs the intake CLI with the test process's private SANE config (inherited environment).
CliRun Intake(const std::string& args) {
  CliRun run;
  const std::string command =
      (intake::testing::BinaryDir() / "bin/intake").string() + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class IntakeScanCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(intake::testing::BinaryDir() / "bin/intake"))
      GTEST_SKIP() << "the intake CLI is not built";
    ASSERT_OK(testing::UsePrivateSaneConfig());
  }
  intake::testing::TempDir dir_;
};

TEST_F(IntakeScanCliTest, AdfBatchPrintsALinePerPageAndExitsZero) {
  CliRun run = Intake("scan --device test:0 --set source=adf --set resolution=50 --set br-x=30 "
                   "--set br-y=40 --out " + dir_.path().string());
  EXPECT_EQ(run.exit_code, 0) << run.out;
  size_t lines = 0;
  for (size_t pos = 0; (pos = run.out.find("\npage ", pos)) != std::string::npos; ++pos) ++lines;
  if (run.out.rfind("page ", 0) == 0) ++lines;
  EXPECT_EQ(lines, 10u) << run.out;
  EXPECT_TRUE(fs::exists(dir_.path() / "pages/0010.pnm"));
  EXPECT_TRUE(fs::exists(dir_.path() / "pages/0010.json"));
}

TEST_F(IntakeScanCliTest, RefusedSettingListsWhatTheDeviceAllows) {
  CliRun run = Intake("scan --device test:0 --set depth=12 --out " + dir_.path().string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("1|8|16"), std::string::npos) << run.out;
}

TEST_F(IntakeScanCliTest, JamExitsThreeWithTheOperatorMessage) {
  CliRun run = Intake("scan --device test:0 --set source=adf --set read-return-value=SANE_STATUS_JAMMED"
                   " --out " + dir_.path().string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.out.find("Папір застряг"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("jam"), std::string::npos);
}

TEST_F(IntakeScanCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Intake("scan --device test:0").exit_code, 2);
  EXPECT_EQ(Intake("scan --device test:0 --profile nosuch --out " + dir_.path().string()).exit_code, 2);
}

TEST_F(IntakeScanCliTest, WaitButtonScansWithTheMappedProfile) {
  const fs::path script_dir = testing::IntakeTestScriptDir();
  const fs::path sheet = dir_.path() / "sheet.pnm";
  ASSERT_OK(testing::RenderGrayPage(sheet, {"Декларація про доходи"}, 50));
  fs::remove(script_dir / "fed");
  std::ofstream(script_dir / "script") << "page " << sheet.string() << "\npage " << sheet.string()
                                       << "\n";
  std::ofstream(script_dir / "buttons") << "scan\n";  // pressed before we start polling
  const fs::path profiles = dir_.path() / "profiles.json";
  std::ofstream(profiles) << R"({"profiles": {"declarations": {"settings": [["source", "adf"],
      ["mode", "Lineart"], ["resolution", "150"]]}}, "buttons": {"scan": "declarations"}})";
  CliRun run = Intake("scan --device intaketest:0 --wait-button --profiles " + profiles.string() +
                      " --out " + (dir_.path() / "case").string());
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("profile declarations"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("150dpi lineart adf-front"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(dir_.path() / "case/pages/0002.json"));
}

TEST_F(IntakeScanCliTest, DevicesListsTheVirtualScanners) {
  CliRun run = Intake("devices --local");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("pnm:0"), std::string::npos);
  EXPECT_NE(run.out.find("intaketest:0"), std::string::npos);
}

}  // namespace
}  // namespace intake::capture
