// Scripted scanner scenarios through the test-only intaketest SANE backend (loaded by SANE's
// dll backend from a private dll.conf): feeder, double feeds, jams and resume, a hung device,
// per-page checks, busy devices, non-blocking reads, buttons.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "capture/batch_scanner.h"
#include "capture/button_poller.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "capture/scan_profile.h"
#include "capture/scanner.h"
#include "core/file_util.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

class IntakeTestBackend : public testing::SaneTest {
 protected:
  void SetUp() override {
    script_dir_ = testing::IntakeTestScriptDir();
    for (const char* f : {"script", "fed", "buttons"}) fs::remove(script_dir_ / f);
    ASSERT_NO_FATAL_FAILURE(SaneTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(OpenStore());
  }
  // Renders `count` different text pages (A5-ish at 50 dpi keeps it fast).
  std::vector<fs::path> Pages(int count) {
    std::vector<fs::path> pages;
    for (int i = 0; i < count; ++i) {
      pages.push_back(dir_.path() / ("sheet" + std::to_string(i + 1) + ".pnm"));
      EXPECT_OK(testing::RenderGrayPage(
          pages.back(), {"Заява № " + std::to_string(i + 1), "Іваненко Петро Олексійович"}, 50,
          i + 1));
    }
    return pages;
  }
  void WriteScript(const std::string& text) { std::ofstream(script_dir_ / "script") << text; }
  std::string FeederScript(const std::vector<fs::path>& pages) {
    std::string s;
    for (const auto& p : pages) s += "page " + p.string() + "\n";
    return s;
  }
  std::unique_ptr<Scanner> OpenScanner(Settings settings) {
    auto scanner = Scanner::Open(*session_, "intaketest:0", std::move(settings));
    EXPECT_TRUE(scanner.ok()) << scanner.status().ToString();
    return scanner.ok() ? std::move(*scanner) : nullptr;
  }
  int Opens() {
    std::ifstream in(script_dir_ / "opens");
    int v = 0;
    in >> v;
    return v;
  }

  fs::path script_dir_;
};

TEST_F(IntakeTestBackend, IsListedThroughDllConf) {
  auto devices = session_->ListDevices(true);
  ASSERT_OK(devices);
  bool found = false;
  for (const auto& d : *devices) found |= d.name == "intaketest:0";
  EXPECT_TRUE(found) << "libsane-intaketest.so.1 was not loaded by the dll backend";
}

TEST_F(IntakeTestBackend, FeederIsScannedUntilEmptyThenEmptyFeederIsAFault) {
  WriteScript(FeederScript(Pages(4)));
  auto scanner = OpenScanner({{"source", "adf"}, {"mode", "Gray"}, {"resolution", "75"}});
  ASSERT_TRUE(scanner);
  EXPECT_EQ(*scanner->device().GetOptionText("source"), "ADF Front");
  BatchResult batch = scanner->ScanBatch(*store_, {});
  ASSERT_FALSE(batch.fault) << batch.fault->log_message;
  EXPECT_TRUE(batch.feeder_empty);
  ASSERT_EQ(batch.pages.size(), 4u);
  for (const auto& p : batch.pages) EXPECT_FALSE(p.rescan) << p.file;
  BatchResult empty = scanner->ScanBatch(*store_, {});
  ASSERT_TRUE(empty.fault);
  EXPECT_EQ(empty.fault->kind, FaultKind::kFeederEmpty);
  EXPECT_NE(empty.fault->message_uk.find("немає паперу"), std::string::npos);
}

TEST_F(IntakeTestBackend, DuplexPagesAlternateFrontAndBack) {
  WriteScript(FeederScript(Pages(4)));
  auto scanner = OpenScanner({{"source", "adf-duplex"}});
  ASSERT_TRUE(scanner);
  BatchResult batch = scanner->ScanBatch(*store_, {});
  ASSERT_EQ(batch.pages.size(), 4u);
  EXPECT_EQ(batch.pages[0].source, "adf-front");
  EXPECT_EQ(batch.pages[1].source, "adf-back");
  EXPECT_EQ(batch.pages[2].source, "adf-front");
}

TEST_F(IntakeTestBackend, DoubleFeedIsFlaggedForRescan) {
  auto pages = Pages(3);
  WriteScript(FeederScript(pages) + "double_feed_at 2\n");
  auto scanner = OpenScanner({{"source", "adf"}, {"resolution", "75"}});
  ASSERT_TRUE(scanner);
  BatchOptions options;
  options.expect.max_length_mm = 297 * 1.1;  // A4 plus slack
  // The renderer wrote 50 dpi pages; the device labels them 75 dpi, so rescale the limit.
  options.expect.max_length_mm *= 50.0 / 75.0;
  BatchResult batch = scanner->ScanBatch(*store_, options);
  ASSERT_FALSE(batch.fault);
  ASSERT_EQ(batch.pages.size(), 2u);  // sheets 2 and 3 came through as one
  EXPECT_FALSE(batch.pages[0].rescan);
  ASSERT_TRUE(batch.pages[1].rescan);
  EXPECT_EQ(batch.pages[1].checks[0].check, "too_long");
}

TEST_F(IntakeTestBackend, JamMidPageKeepsEarlierPagesAndResumesAfterReinsertingTheSheet) {
  auto pages = Pages(5);
  WriteScript(FeederScript(pages) + "jam_at 3\n");
  auto scanner = OpenScanner({{"source", "adf"}});
  ASSERT_TRUE(scanner);
  BatchResult jammed = scanner->ScanBatch(*store_, {});
  ASSERT_TRUE(jammed.fault);
  EXPECT_EQ(jammed.fault->kind, FaultKind::kJam);
  EXPECT_EQ(jammed.fault->broken_page, 3);
  EXPECT_EQ(jammed.pages.size(), 2u);
  for (const auto& e : fs::directory_iterator(store_->pages_dir()))
    EXPECT_NE(e.path().filename().string()[0], '.') << "partial page left: " << e.path();
  // The operator clears the jam and puts sheet 3 back on top of the feeder.
  WriteScript(FeederScript(pages));
  std::ofstream(script_dir_ / "fed") << 2;
  BatchResult resumed = scanner->ScanBatch(*store_, {});
  ASSERT_FALSE(resumed.fault) << resumed.fault->log_message;
  ASSERT_EQ(resumed.pages.size(), 3u);
  EXPECT_EQ(resumed.pages[0].file, "0003.pnm");
  auto all = store_->List();
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 5u);
}

TEST_F(IntakeTestBackend, HungDeviceIsCancelledByTheWatchdogAndReopened) {
  auto pages = Pages(3);
  WriteScript(FeederScript(pages) + "hang_at 2\n");
  auto scanner = OpenScanner({{"source", "adf"}});
  ASSERT_TRUE(scanner);
  const int opens_before = Opens();
  BatchOptions options;
  options.watchdog_timeout = std::chrono::milliseconds(200);
  BatchResult hung = scanner->ScanBatch(*store_, options);
  ASSERT_TRUE(hung.fault);
  EXPECT_EQ(hung.fault->kind, FaultKind::kNoResponse);
  EXPECT_EQ(hung.pages.size(), 1u);
  EXPECT_EQ(Opens(), opens_before + 1) << "the device must be reopened after a hang";
  WriteScript(FeederScript(pages));
  std::ofstream(script_dir_ / "fed") << 1;
  BatchResult resumed = scanner->ScanBatch(*store_, options);
  ASSERT_FALSE(resumed.fault) << resumed.fault->log_message;
  EXPECT_EQ(resumed.pages.size(), 2u);
  EXPECT_EQ(resumed.pages[0].file, "0002.pnm");
}

TEST_F(IntakeTestBackend, BlankDarkAndLowResolutionPagesAreFlagged) {
  const fs::path blank = dir_.path() / "blank.pnm", dark = dir_.path() / "dark.pnm";
  ASSERT_OK(testing::WriteUniformPage(blank, 400, 560, 250));
  ASSERT_OK(testing::WriteUniformPage(dark, 400, 560, 40));
  auto text = Pages(1);
  WriteScript("page " + text[0].string() + "\npage " + blank.string() + "\npage " + dark.string() +
              "\nmax_dpi 200\n");
  auto scanner = OpenScanner({{"source", "adf"}, {"resolution", "300"}});
  ASSERT_TRUE(scanner);
  EXPECT_EQ(*scanner->device().GetOptionText("resolution"), "200");  // inexact, rounded down
  BatchOptions options;
  options.expect.asked_dpi = 300;
  BatchResult batch = scanner->ScanBatch(*store_, options);
  ASSERT_EQ(batch.pages.size(), 3u);
  auto has = [](const PageMetadata& p, const std::string& check) {
    for (const auto& c : p.checks)
      if (c.check == check) return true;
    return false;
  };
  for (const auto& p : batch.pages) EXPECT_TRUE(has(p, "low_resolution")) << p.file;
  EXPECT_FALSE(has(batch.pages[0], "nearly_blank"));
  EXPECT_FALSE(has(batch.pages[0], "too_dark"));
  EXPECT_TRUE(has(batch.pages[1], "nearly_blank"));
  EXPECT_TRUE(has(batch.pages[2], "too_dark"));
  // Flags are in the page JSON, for the operator's screen.
  auto listed = store_->List();
  ASSERT_OK(listed);
  EXPECT_TRUE((*listed)[1].rescan);
  EXPECT_FALSE((*listed)[1].checks.at(0).message_uk.empty());
}

TEST_F(IntakeTestBackend, NonBlockingReadsWithSelectFdGiveTheSamePage) {
  auto pages = Pages(1);
  WriteScript("page " + pages[0].string() + "\npage " + pages[0].string() + "\nchunk 999\n");
  auto scanner = OpenScanner({{"source", "adf"}, {"mode", "Color"}});
  ASSERT_TRUE(scanner);
  BatchOptions blocking;
  blocking.max_pages = 1;
  BatchOptions non_blocking = blocking;
  non_blocking.non_blocking = true;
  BatchResult a = scanner->ScanBatch(*store_, blocking);
  BatchResult b = scanner->ScanBatch(*store_, non_blocking);
  ASSERT_EQ(a.pages.size(), 1u);
  ASSERT_EQ(b.pages.size(), 1u);
  EXPECT_EQ(a.pages[0].layout, "rgb");
  auto pa = ReadFile(store_->pages_dir() / a.pages[0].file);
  auto pb = ReadFile(store_->pages_dir() / b.pages[0].file);
  ASSERT_OK(pa);
  ASSERT_OK(pb);
  EXPECT_EQ(*pa, *pb);
}

TEST_F(IntakeTestBackend, BusyDeviceAndCoverOpenAreReported) {
  auto pages = Pages(1);
  WriteScript(FeederScript(pages));
  auto first = OpenScanner({});
  ASSERT_TRUE(first);
  auto second = Scanner::Open(*session_, "intaketest:0", {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(ClassifyFault(second.status(), 0).kind, FaultKind::kBusy);
  WriteScript(FeederScript(pages) + "cover_open\n");
  ASSERT_OK(first->device().SetOption("source", "ADF Front"));
  BatchResult r = first->ScanBatch(*store_, {});
  ASSERT_TRUE(r.fault);
  EXPECT_EQ(r.fault->kind, FaultKind::kCoverOpen);
  EXPECT_NE(r.fault->message_uk.find("Кришка"), std::string::npos);
}

TEST_F(IntakeTestBackend, SettingsOutsideTheConstraintsListWhatTheDeviceAllows) {
  auto scanner = OpenScanner({});
  ASSERT_TRUE(scanner);
  auto bad = scanner->device().SetOption("resolution", "250");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("75|150|200|300|600 dpi"), std::string::npos)
      << bad.status().message();
  auto source = scanner->device().SetOption("source", "Transparency");
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find("Flatbed|ADF Front|ADF Duplex"), std::string::npos);
  auto sensor = scanner->device().SetOption("scan", "yes");
  ASSERT_FALSE(sensor.ok());
  EXPECT_EQ(sensor.status().code(), Code::kFailedPrecondition);  // read-only
  // A profile names sources generically; the device's own names are used.
  const std::vector<ScanProfile> profiles = DefaultProfiles();
  const ScanProfile* forms = FindProfile(profiles, "forms");
  ASSERT_NE(forms, nullptr);
  ASSERT_OK(ApplySettings(scanner->device(), forms->settings));
  EXPECT_EQ(*scanner->device().GetOptionText("source"), "ADF Duplex");
  EXPECT_EQ(*scanner->device().GetOptionText("resolution"), "300");
}

TEST_F(IntakeTestBackend, ButtonPressStartsABatchAndTheDeviceIsReleasedBetweenPolls) {
  WriteScript(FeederScript(Pages(2)));
  ButtonPollerOptions options;
  options.interval = std::chrono::milliseconds(20);
  options.button_profiles = {{"scan", "forms_simplex"}, {"email", "id_card"}};
  ButtonPoller poller(*session_, "intaketest:0", options);
  auto none = poller.PollOnce();
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(poller.sensors(), (std::vector<std::string>{"scan", "copy", "email", "file"}));
  {
    // Another program holds the scanner: the poll skips the round instead of failing.
    auto held = SaneDevice::Open(*session_, "intaketest:0");
    ASSERT_OK(held);
    std::ofstream(script_dir_ / "buttons") << "scan\n";
    auto skipped = poller.PollOnce();
    ASSERT_OK(skipped);
    EXPECT_TRUE(skipped->empty());
  }
  const std::vector<ScanProfile> profiles = DefaultProfiles();
  std::atomic<bool> stop{false};
  std::vector<ButtonPress> presses;
  BatchResult batch;
  Status run = poller.Run(
      [&](const ButtonPress& press) {
        presses.push_back(press);
        // The poller closed the device: a batch can open it now.
        const ScanProfile* profile = FindProfile(profiles, press.profile);
        ASSERT_NE(profile, nullptr);
        auto scanner = Scanner::Open(*session_, "intaketest:0", profile->settings);
        ASSERT_OK(scanner);
        batch = (*scanner)->ScanBatch(*store_, {});
        stop = true;
      },
      stop);
  ASSERT_OK(run);
  ASSERT_EQ(presses.size(), 1u);
  EXPECT_EQ(presses[0].button, "scan");
  EXPECT_EQ(presses[0].profile, "forms_simplex");
  EXPECT_FALSE(batch.fault);
  EXPECT_EQ(batch.pages.size(), 2u);
  // Released after the poll: we can open it ourselves.
  EXPECT_OK(SaneDevice::Open(*session_, "intaketest:0"));
}

}  // namespace
}  // namespace intake::capture
