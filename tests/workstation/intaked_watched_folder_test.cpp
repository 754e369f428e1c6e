// intaked's watched folder as a real process, with settle_ms far longer than the tests wait
// (60 s): a file the scanner writes and closes must still become a page of the current case
// within seconds (the inotify close event, taken at the next worker tick); a folder moved
// away and recreated is watched again; a file already there at start waits for settle_ms.
#include <fcntl.h>
#include <unistd.h>

#include "capture/page_store.h"
#include "core/file_util.h"
#include "tests/workstation/daemon_site.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;
using testing::CaseId;
using testing::DaemonSite;
using testing::Pages;

// Writes `from`'s bytes to `to` with one open/write/close, as a scan-to-folder server does.
void WriteAndClose(const fs::path& from, const fs::path& to) {
  auto bytes = ReadFile(from);
  ASSERT_OK(bytes);
  int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, bytes->data(), bytes->size()), static_cast<ssize_t>(bytes->size()));
  ASSERT_EQ(::close(fd), 0);
}

class IntakedWatchedFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_.mutable_config().daemon.settle_ms = 60000;  // only the close event can be quick
    site_.SaveConfig();
  }
  DaemonSite site_;
};

TEST_F(IntakedWatchedFolderTest, AClosedFileBecomesAPageOfTheCurrentCaseLongBeforeSettle) {
  auto daemon = site_.StartDaemon();
  WriteAndClose(site_.UniformPage("scan0001.pgm", 200), site_.watch_dir() / "scan0001.pnm");
  json status;
  // Generous, yet far below settle_ms (60 s): the polling path cannot pass this.
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return Pages(s) == 1; }, seconds(15), &status))
      << "a closed file waited for settle_ms\n" << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  EXPECT_TRUE(fs::exists(site_.watch_dir() / "done" / "scan0001.pnm"));
  auto pages = capture::PageStore::ListPages(site_.case_dir(case_id));
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->at(0).device, "file:inbox");

  // The next file goes into the same case, as quickly.
  WriteAndClose(site_.UniformPage("scan0002.pgm", 190), site_.watch_dir() / "scan0002.pnm");
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return Pages(s) == 2; }, seconds(15), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(CaseId(status), case_id);
}

TEST_F(IntakedWatchedFolderTest, AFolderMovedAwayIsReportedAndWatchedAgainOnceItIsBack) {
  auto daemon = site_.StartDaemon();
  json status;
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return s["scanner_ready"] == true; },
                               seconds(20), &status))
      << status.dump() << daemon->Stderr();  // no later "scanner connected" hides the fault
  fs::rename(site_.watch_dir(), site_.root() / "inbox-away");
  ASSERT_TRUE(site_.WaitStatus(
      [](const json& s) {
        return s["fault"].get<std::string>().find("Теку сканування видалено") != std::string::npos;
      },
      seconds(15), &status))
      << status.dump() << daemon->Stderr();
  fs::rename(site_.root() / "inbox-away", site_.watch_dir());
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return s["fault"] == ""; }, seconds(15),
                               &status))
      << status.dump() << daemon->Stderr();
  WriteAndClose(site_.UniformPage("back.pgm", 200), site_.watch_dir() / "back.pnm");
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return Pages(s) == 1; }, seconds(15), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_TRUE(fs::exists(site_.watch_dir() / "done" / "back.pnm"));
}

TEST_F(IntakedWatchedFolderTest, AFileAlreadyThereAtStartIsTakenAfterSettle) {
  site_.mutable_config().daemon.settle_ms = 1500;
  site_.SaveConfig();
  WriteAndClose(site_.UniformPage("left.pgm", 200), site_.watch_dir() / "left.pnm");
  auto daemon = site_.StartDaemon();
  json status;
  ASSERT_TRUE(site_.WaitStatus([](const json& s) { return Pages(s) == 1; }, seconds(20), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_TRUE(fs::exists(site_.watch_dir() / "done" / "left.pnm"));
}

}  // namespace
}  // namespace intake
