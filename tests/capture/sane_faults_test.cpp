// Faults injected by the real SANE `test` backend: jams, I/O errors, cancel from another
// thread, a device that stops answering. Finished pages stay, the broken one is discarded,
// and the batch resumes into the same case.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "capture/batch_scanner.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

class SaneFaultsTest : public testing::SaneTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SaneTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(OpenDevice("test:0", {{"source", "Automatic Document Feeder"},
                                                  {"resolution", "100"}, {"br-x", "20"},
                                                  {"br-y", "25"}, {"test-picture", "Grid"}}));
    ASSERT_NO_FATAL_FAILURE(OpenStore());
  }
  // Files in pages/ other than NNNN.pnm / NNNN.json.
  int StrayFiles() {
    int stray = 0;
    for (const auto& e : fs::directory_iterator(store_->pages_dir())) {
      const std::string n = e.path().filename().string();
      if (n.size() != 8 && n.size() != 9) ++stray;
      else if (n[0] == '.') ++stray;
    }
    return stray;
  }
};

TEST_F(SaneFaultsTest, JamKeepsFinishedPagesAndTheBatchResumes) {
  BatchOptions three;
  three.max_pages = 3;
  BatchResult first = ScanBatch(*device_, *store_, three);
  ASSERT_FALSE(first.fault);
  ASSERT_EQ(first.pages.size(), 3u);

  ASSERT_OK(device_->SetOption("read-return-value", "SANE_STATUS_JAMMED"));
  BatchResult jammed = ScanBatch(*device_, *store_, {});
  ASSERT_TRUE(jammed.fault);
  EXPECT_EQ(jammed.fault->kind, FaultKind::kJam);
  EXPECT_EQ(jammed.fault->broken_page, 4);
  EXPECT_NE(jammed.fault->message_uk.find("застряг"), std::string::npos);
  EXPECT_NE(jammed.fault->message_uk.find("Сторінки 1–3 збережено"), std::string::npos);
  EXPECT_TRUE(jammed.pages.empty());
  EXPECT_EQ(StrayFiles(), 0) << "the broken page must be discarded";

  // The operator clears the jam; the batch resumes into the same case at page 4.
  ASSERT_OK(device_->SetOption("read-return-value", "Default"));
  BatchResult resumed = ScanBatch(*device_, *store_, {});
  ASSERT_FALSE(resumed.fault) << resumed.fault->log_message;
  ASSERT_FALSE(resumed.pages.empty());
  EXPECT_EQ(resumed.pages.front().file, "0004.pnm");
  auto all = store_->List();
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 3 + resumed.pages.size());
}

TEST_F(SaneFaultsTest, StatusCodesMapToOperatorFaults) {
  const std::pair<const char*, FaultKind> cases[] = {
      {"SANE_STATUS_COVER_OPEN", FaultKind::kCoverOpen},
      {"SANE_STATUS_IO_ERROR", FaultKind::kIoError},
      {"SANE_STATUS_DEVICE_BUSY", FaultKind::kBusy},
      {"SANE_STATUS_NO_MEM", FaultKind::kNoMemory},
  };
  for (const auto& [value, kind] : cases) {
    ASSERT_OK(device_->SetOption("read-return-value", value));
    BatchResult r = ScanBatch(*device_, *store_, {});
    ASSERT_TRUE(r.fault) << value;
    EXPECT_EQ(r.fault->kind, kind) << value << ": " << r.fault->log_message;
    EXPECT_FALSE(r.fault->message_uk.empty());
    EXPECT_EQ(StrayFiles(), 0);
  }
}

TEST_F(SaneFaultsTest, CancelFromAnotherThreadEndsTheBatch) {
  // 200 ms per buffer: a page takes seconds.
  ASSERT_OK(device_->SetOption("read-delay", "yes"));
  ASSERT_OK(device_->SetOption("read-delay-duration", "200000"));
  std::thread canceller([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    device_->Cancel();
  });
  auto start = std::chrono::steady_clock::now();
  BatchOptions options;
  options.watchdog_timeout = std::chrono::milliseconds(0);
  BatchResult r = ScanBatch(*device_, *store_, options);
  canceller.join();
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.fault);
  EXPECT_EQ(r.fault->kind, FaultKind::kCancelled) << r.fault->log_message;
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
  EXPECT_EQ(StrayFiles(), 0);
}

TEST_F(SaneFaultsTest, WatchdogCancelsADeviceThatStopsAnswering) {
  ASSERT_OK(device_->SetOption("read-delay", "yes"));
  ASSERT_OK(device_->SetOption("read-delay-duration", "200000"));
  BatchOptions options;
  options.watchdog_timeout = std::chrono::milliseconds(60);
  BatchResult r = ScanBatch(*device_, *store_, options);
  ASSERT_TRUE(r.fault);
  EXPECT_EQ(r.fault->kind, FaultKind::kNoResponse) << r.fault->log_message;
  EXPECT_EQ(StrayFiles(), 0);
}

}  // namespace
}  // namespace intake::capture
