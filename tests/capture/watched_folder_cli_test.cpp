// `intake import` as the operator runs it: a real process watching a real folder, stopped
// with SIGTERM; the one-shot and file modes and their exit codes.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "tests/capture/image_file_test_files.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
namespace files = intake::testing::files;
using intake::testing::BinaryDir;
using intake::testing::TempDir;
using namespace std::chrono_literals;

fs::path IntakeBinary() { return BinaryDir() / "bin" / "intake"; }

int CountPages(const fs::path& case_dir) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(case_dir / "pages", ec)) {
    if (e.path().extension() == ".json") ++n;
  }
  return n;
}

TEST(ImportCommandTest, WatchImportsArrivingFilesAndStopsOnSigterm) {
  if (!fs::exists(IntakeBinary())) GTEST_SKIP() << "build the intake target first";
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", case_dir = dir.path() / "case";
  fs::create_directories(inbox);
  intake::testing::Subprocess process(
      {IntakeBinary().string(), "import", "--case-dir", case_dir.string(), "--watch",
       inbox.string(), "--settle-ms", "300"},
      dir.path());
  ASSERT_TRUE(process.started());
  std::this_thread::sleep_for(300ms);
  ASSERT_TRUE(files::WriteTiff(inbox / "scan.tif",
                               {files::TestPage(120, 160, 1), files::TestPage(120, 160, 2)}, 300,
                               true));
  files::WriteBytes(inbox / "junk.pdf", "%PDF-1.4 this is not a PDF\n%%EOF\n");
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < end &&
         (CountPages(case_dir) < 2 || !fs::exists(inbox / "rejected" / "junk.pdf"))) {
    std::this_thread::sleep_for(50ms);
  }
  process.Kill(SIGTERM);
  // Stopped cleanly; 3 because a file was rejected during the session (as documented).
  EXPECT_EQ(process.Wait(5s), 3) << process.Stderr();
  EXPECT_EQ(CountPages(case_dir), 2);
  EXPECT_TRUE(fs::exists(inbox / "done" / "scan.tif"));
  EXPECT_TRUE(fs::exists(inbox / "rejected" / "junk.pdf.reason.txt"));
  const std::string out = process.Stdout();
  EXPECT_NE(out.find("imported\tscan.tif\t2\t"), std::string::npos) << out;
  EXPECT_NE(out.find("rejected\tjunk.pdf\t"), std::string::npos) << out;
}

TEST(ImportCommandTest, OnceAndFileModesReportRejectionsInTheExitCode) {
  if (!fs::exists(IntakeBinary())) GTEST_SKIP() << "build the intake target first";
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", case_dir = dir.path() / "case";
  fs::create_directories(inbox);
  files::WriteBytes(inbox / "a.png", files::PngWithDpi(files::TestPage(100, 100, 1), 300));
  auto once = intake::testing::RunProgram(
      {IntakeBinary().string(), "import", "--case-dir", case_dir.string(), "--once",
       inbox.string(), "--settle-ms", "0"},
      20s);
  EXPECT_EQ(once.exit_code, 0) << once.err;
  EXPECT_EQ(CountPages(case_dir), 1);

  const fs::path loose = dir.path() / "loose.jpg", bad = dir.path() / "bad.jpg";
  files::WriteBytes(loose, files::JpegWithDpi(files::TestPage(100, 100, 2), 300));
  files::WriteBytes(bad, files::JpegWithDpi(files::TestPage(100, 100, 3), 300).substr(0, 300));
  auto some_bad = intake::testing::RunProgram(
      {IntakeBinary().string(), "import", "--case-dir", case_dir.string(), loose.string(),
       bad.string()},
      20s);
  EXPECT_EQ(some_bad.exit_code, 3) << some_bad.err;
  EXPECT_EQ(CountPages(case_dir), 2);
  EXPECT_TRUE(fs::exists(bad)) << "files named on the command line are never moved";

  auto usage = intake::testing::RunProgram({IntakeBinary().string(), "import"}, 20s);
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(ImportCommandTest, FlaggedPagesAreStoredAndListedForRescan) {
  if (!fs::exists(IntakeBinary())) GTEST_SKIP() << "build the intake target first";
  TempDir dir;
  const fs::path case_dir = dir.path() / "case";
  const fs::path blank = dir.path() / "blank.png", low = dir.path() / "low.png";
  files::WriteBytes(blank, files::PngWithDpi(cv::Mat(1200, 850, CV_8UC1, cv::Scalar(250)), 300));
  files::WriteBytes(low, files::PngWithDpi(files::TestPage(600, 800, 4), 100));
  auto run = intake::testing::RunProgram({IntakeBinary().string(), "import", "--case-dir",
                                          case_dir.string(), "--profile", "forms",
                                          blank.string(), low.string()},
                                         20s);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountPages(case_dir), 2) << "flagged pages are stored, not dropped";
  EXPECT_NE(run.out.find("rescan\tblank.png\t1\t"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("rescan\tlow.png\t1\t"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("imported\tlow.png\t1\t"), std::string::npos) << run.out;

  auto unknown = intake::testing::RunProgram({IntakeBinary().string(), "import", "--case-dir",
                                              case_dir.string(), "--profile", "nosuch",
                                              low.string()},
                                             20s);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("forms"), std::string::npos) << "lists the known profiles";
}

}  // namespace
}  // namespace intake::capture
