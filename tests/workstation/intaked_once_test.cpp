// intaked --once after a failure: the case keeps its pages and `--once --case ID` finishes it.
#include <signal.h>

#include "capture/page_store.h"
#include "tests/workstation/daemon_site.h"
#include "transfer/transfer_queue.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using testing::DaemonSite;

TEST(IntakedOnceTest, AJammedRunIsFinishedByResumingTheSameCase) {
  DaemonSite site;
  const fs::path form = DaemonSite::SamplePage("page1_application.pnm");
  const fs::path back = site.UniformPage("back.pgm");
  site.WriteScript({form, back}, {"jam_at 2"});
  auto failed = site.RunIntaked({"--once"});
  ASSERT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_NE(failed.err.find("застряг"), std::string::npos) << failed.err;
  const std::string marker = "--once --case ";
  const size_t at = failed.err.find(marker);
  ASSERT_NE(at, std::string::npos) << failed.err;
  const std::string case_id = failed.err.substr(at + marker.size(), 18);
  auto pages = capture::PageStore::ListPages(site.case_dir(case_id));
  ASSERT_OK(pages);
  EXPECT_EQ(pages->size(), 1u) << "the page before the jam is kept";

  // The daemon can be told to take that case up as its current case...
  {
    auto daemon = site.StartDaemon({"--case", case_id});
    nlohmann::json status;
    EXPECT_TRUE(site.WaitStatus(
        [&](const nlohmann::json& s) {
          return s["case"].is_object() && s["case"]["case_id"] == case_id;
        },
        std::chrono::seconds(20), &status))
        << status.dump() << daemon->Stderr();
    daemon->Kill(SIGTERM);
    EXPECT_EQ(daemon->Wait(std::chrono::seconds(20)), 0) << daemon->Stderr();
  }
  // ...or, as here, the sheet is put back and a rerun continues the same case and queues it.
  site.WriteScript({form, back, back});
  auto resumed = site.RunIntaked({"--once", "--case", case_id});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("resumed " + case_id), std::string::npos) << resumed.out;
  auto queue = transfer::TransferQueue::Open(site.config().queue_path());
  ASSERT_OK(queue);
  auto all = (*queue)->List();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u) << "one case, not a second one";
  EXPECT_EQ(all->front().package_id, case_id);
  EXPECT_FALSE(fs::exists(site.case_dir(case_id)));
}

}  // namespace
}  // namespace intake
