// intaked as a real process: scanner button, watched folder, restart, SIGTERM mid-batch,
// overdue paper, missing scanner. Scanner: the test-only intaketest SANE backend.
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "capture/page_store.h"
#include "core/file_util.h"
#include "paper/paper_types.h"
#include "transfer/transfer_queue.h"
#include "tests/workstation/daemon_site.h"
#include "workstation/workstation_ledger.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;
using testing::CaseId;
using testing::DaemonSite;
using testing::Pages;


TEST(IntakedDaemonTest, ButtonPressScansABatchIntoTheCurrentCase) {
  DaemonSite site;
  site.mutable_config().scanner.source = "Flatbed";  // the button's profile picks the feeder
  site.SaveConfig();
  site.WriteScript({site.UniformPage("a.pgm"), site.UniformPage("b.pgm")});
  auto daemon = site.StartDaemon();
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return s["scanner_ready"] == true; }, seconds(20),
                              &status))
      << status.dump() << daemon->Stderr();
  EXPECT_TRUE(status["case"].is_null()) << "no case is opened before there is something to put in";

  site.PressButton("scan");
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return Pages(s) == 2 && s["activity"] == "idle"; },
                              seconds(30), &status))
      << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  auto pages = capture::PageStore::ListPages(site.case_dir(case_id));
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  // The button's profile (forms_simplex: the feeder, gray) was applied to the batch.
  EXPECT_EQ(pages->at(0).settings.at("source"), "ADF Front");
  // Uniform pages are flagged for a rescan, with the reason the operator reads.
  ASSERT_FALSE(status["case"]["flagged"].empty()) << status.dump();
  EXPECT_FALSE(status["case"]["flagged"][0]["reasons"][0].get<std::string>().empty());
  auto remembered = ReadFile(site.config().spool_dir / "current-case");
  ASSERT_OK(remembered);
  EXPECT_EQ(*remembered, case_id + "\n");
  EXPECT_NE(daemon->Stderr().find("button 'scan'"), std::string::npos) << daemon->Stderr();
  daemon->Kill(SIGTERM);
  EXPECT_EQ(daemon->Wait(seconds(20)), 0) << daemon->Stderr();
}

TEST(IntakedDaemonTest, FileDroppedInTheWatchedFolderLandsInTheCurrentCase) {
  DaemonSite site;
  auto daemon = site.StartDaemon();
  // Written under a partial name, then renamed in: how scan-to-folder uploads arrive.
  fs::path page = site.UniformPage("scan0001.pgm", 200);
  fs::rename(page, site.watch_dir() / "scan0001.pnm.part");
  fs::rename(site.watch_dir() / "scan0001.pnm.part", site.watch_dir() / "scan0001.pnm");
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return Pages(s) == 1; }, seconds(30), &status))
      << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  EXPECT_TRUE(fs::exists(site.watch_dir() / "done" / "scan0001.pnm"));
  auto pages = capture::PageStore::ListPages(site.case_dir(case_id));
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->at(0).device, "file:inbox");
  EXPECT_NE(status["message"].get<std::string>().find(case_id), std::string::npos) << status.dump();
  // The file name may carry the applicant's name: it stays out of the log.
  EXPECT_EQ(daemon->Stderr().find("scan0001"), std::string::npos) << daemon->Stderr();
}

TEST(IntakedDaemonTest, SigtermMidBatchKeepsFinishedPagesAndRestartResumesTheCase) {
  DaemonSite site;
  const fs::path a = site.UniformPage("a.pgm"), b = site.UniformPage("b.pgm"),
                 c = site.UniformPage("c.pgm");
  site.WriteScript({a, b}, {"hang_at 2"});  // page 2 hangs until sane_cancel
  auto daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  json status;
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return Pages(s) == 1 && s["activity"] == "scanning"; }, seconds(30),
      &status))
      << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  ASSERT_FALSE(case_id.empty());
  daemon->Kill(SIGTERM);
  ASSERT_EQ(daemon->Wait(seconds(30)), 0) << "a hung batch must not block the stop\n"
                                          << daemon->Stderr();
  EXPECT_NE(daemon->Stdout().find("stays open with 1 pages"), std::string::npos)
      << daemon->Stdout();
  // The finished page is on disk, the broken one left nothing behind.
  auto pages = capture::PageStore::ListPages(site.case_dir(case_id));
  ASSERT_OK(pages);
  EXPECT_EQ(pages->size(), 1u);
  for (const auto& entry : fs::directory_iterator(site.case_dir(case_id) / "pages"))
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();

  // A restart resumes the same case; the next batch appends to it.
  site.WriteScript({a, b, c});
  daemon = site.StartDaemon();
  ASSERT_TRUE(site.WaitStatus([&](const json& s) { return CaseId(s) == case_id; }, seconds(20),
                              &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(Pages(status), 1);
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return Pages(s) == 2 && s["activity"] == "idle"; }, seconds(30), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(CaseId(status), case_id);
  EXPECT_TRUE(fs::exists(site.case_dir(case_id) / "pages" / "0002.json"));
}

TEST(IntakedDaemonTest, KilledMidPageLosesOnlyThatPageAndTheCaseContinues) {
  DaemonSite site;
  const fs::path a = site.UniformPage("a.pgm"), b = site.UniformPage("b.pgm"),
                 c = site.UniformPage("c.pgm");
  site.WriteScript({a, b}, {"hang_at 2"});
  auto daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  json status;
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return Pages(s) == 1 && s["activity"] == "scanning"; }, seconds(30),
      &status))
      << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  daemon->Kill(SIGKILL);  // power cut / crash: no clean stop
  daemon->Wait(seconds(10));

  site.WriteScript({a, b, c});
  daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return Pages(s) == 2 && s["activity"] == "idle"; }, seconds(30), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(CaseId(status), case_id);
  // The half-written page 2 was cleared away and numbering continued without a gap.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(site.case_dir(case_id) / "pages"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"0001.json", "0001.pnm", "0002.json", "0002.pnm"}));
}

TEST(IntakedDaemonTest, JamIsShownInUkrainianAndTheBatchResumesIntoTheSameCase) {
  DaemonSite site;
  const fs::path a = site.UniformPage("a.pgm"), b = site.UniformPage("b.pgm");
  site.WriteScript({a, b}, {"jam_at 2"});
  auto daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  json status;
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return !s["fault"].get<std::string>().empty() && s["activity"] == "idle"; },
      seconds(30), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_NE(status["fault"].get<std::string>().find("застряг"), std::string::npos) << status.dump();
  const std::string case_id = CaseId(status);
  EXPECT_EQ(Pages(status), 1);
  // The operator clears the jam and puts the sheet back: the batch continues in the same case.
  site.WriteScript({a, b, b});
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return Pages(s) == 2 && s["activity"] == "idle"; },
                              seconds(30), &status))
      << status.dump();
  EXPECT_EQ(CaseId(status), case_id);
  EXPECT_TRUE(status["fault"].get<std::string>().empty()) << status.dump();
}

TEST(IntakedDaemonTest, OverduePaperIsRaisedInTheLogAndOnTheKiosk) {
  DaemonSite site;
  {
    auto ledger = OpenWorkstationLedger(site.config());
    ASSERT_OK(ledger);
    paper::CaseIntake intake;
    intake.case_id = "20261001-WS01-0001";
    intake.back_office = "uszn-district-1";
    intake.initials = "Ш. Т. Г.";
    intake.actor = "operator-1";
    intake.place = "WS01";
    intake.items.push_back({"20261001-WS01-0001-1", "d1", "application_form",
                            paper::PaperKind::kOriginal, 2});
    ASSERT_OK((*ledger)->RecordCase(intake, paper::Now() - std::chrono::days(40)));
  }
  site.mutable_config().daemon.housekeeping_s = 1;
  site.SaveConfig();
  auto daemon = site.StartDaemon();
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return !s["overdue"].empty(); }, seconds(20),
                              &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(status["overdue"][0]["item_id"], "20261001-WS01-0001-1");
  EXPECT_GT(status["overdue"][0]["working_days_late"].get<int>(), 0);
  // Later timer runs (every second here) do not repeat an unchanged list in the log.
  const int64_t revision = status["revision"].get<int64_t>();
  ASSERT_TRUE(site.WaitStatus([&](const json& s) { return s["revision"].get<int64_t>() > revision + 4; },
                              seconds(20), &status));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  daemon->Kill(SIGTERM);
  daemon->Wait(seconds(20));
  const std::string log = daemon->Stderr();
  EXPECT_NE(log.find("overdue"), std::string::npos) << log;
  EXPECT_NE(log.find("20261001-WS01-0001-1"), std::string::npos) << log;
  size_t lines = 0;
  for (size_t at = log.find("overdue"); at != std::string::npos; at = log.find("overdue", at + 1))
    ++lines;
  EXPECT_EQ(lines, 1u) << log;
  EXPECT_EQ(log.find("Ш. Т."), std::string::npos) << "no personal data in the log";
  EXPECT_EQ(status.dump().find("Ш. Т."), std::string::npos) << "nor on the kiosk";
}

TEST(IntakedDaemonTest, TimerRecordsDeliveredReceiptsInThePaperLedger) {
  DaemonSite site;
  const std::string case_id = "20261120-WS01-0005";
  {
    auto ledger = OpenWorkstationLedger(site.config());
    ASSERT_OK(ledger);
    paper::CaseIntake intake;
    intake.case_id = case_id;
    intake.back_office = "uszn-district-1";
    intake.actor = "operator-1";
    intake.place = "WS01";
    intake.items.push_back({case_id + "-1", "d1", "application_form", paper::PaperKind::kOriginal, 1});
    ASSERT_OK((*ledger)->RecordCase(intake, paper::Now()));
    const fs::path package = site.root() / (case_id + ".intake");
    ASSERT_OK(WriteFileAtomic(package, "sealed bytes"));
    auto queue = transfer::TransferQueue::Open(site.config().queue_path());
    ASSERT_OK(queue);
    ASSERT_OK((*queue)->Enqueue(case_id, package, 0, 1000));
    ASSERT_OK((*queue)->MarkDelivered(case_id, "{}", 2000));  // intake-transferd's part
  }
  auto daemon = site.StartDaemon();
  json status;
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return !s["queue"].empty() && s["queue"][0]["state"] == "delivered"; },
      seconds(20), &status))
      << status.dump() << daemon->Stderr();
  auto ledger = OpenWorkstationLedger(site.config());
  ASSERT_OK(ledger);
  auto paper_case = (*ledger)->Case(case_id);
  ASSERT_OK(paper_case);
  EXPECT_TRUE(paper_case->ecase_receipt_at.has_value()) << daemon->Stderr();
}

TEST(IntakedDaemonTest, MissingScannerOpensNoCaseAndSaysWhatToDo) {
  DaemonSite site;
  site.mutable_config().scanner.device = "intaketest:7";  // no such device
  site.SaveConfig();
  auto out = site.RunIntaked({"--once"});
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.err.find("no case was opened"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("intake devices"), std::string::npos) << out.err;
  std::error_code ec;
  EXPECT_TRUE(fs::is_empty(site.config().cases_dir(), ec) || !fs::exists(site.config().cases_dir()))
      << "an empty case folder was left behind";

  // The daemon keeps running without its scanner (the watched folder still works) and says so.
  auto daemon = site.StartDaemon();
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return !s["fault"].get<std::string>().empty(); },
                              seconds(20), &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(status["scanner_ready"], false);
  EXPECT_NE(status["fault"].get<std::string>().find("Сканер"), std::string::npos) << status.dump();
  EXPECT_TRUE(status["case"].is_null());
}

TEST(IntakedDaemonTest, AButtonMappedToAnUnknownProfileStopsTheStartWithItsName) {
  DaemonSite site;
  site.mutable_config().daemon.buttons = {{"scan", "no_such_profile"}};
  site.SaveConfig();
  auto out = site.RunIntaked({"--kiosk"});
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.err.find("daemon.buttons"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("no_such_profile"), std::string::npos) << out.err;
}

TEST(IntakedDaemonTest, ResumingACaseThatIsNotOpenIsRefusedClearly) {
  DaemonSite site;
  auto out = site.RunIntaked({"--once", "--case", "20261123-WS01-0042", "--no-scan"});
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.err.find("sealed and queued already"), std::string::npos) << out.err;
  auto usage = site.RunIntaked({"--no-scan"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
}

}  // namespace
}  // namespace intake
