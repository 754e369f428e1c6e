// Scanning through the real SANE pnm and test backends (libsane1) via a private config dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "capture/batch_scanner.h"
#include "capture/page_store.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "core/file_util.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

class SaneScanTest : public testing::SaneTest {};

TEST_F(SaneScanTest, SecondSessionIsRefused) {
  auto second = SaneSession::Open();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kFailedPrecondition);
}

TEST_F(SaneScanTest, ListsPrivateConfigDevices) {
  auto devices = session_->ListDevices(true);
  ASSERT_OK(devices);
  bool pnm = false, test = false;
  for (const auto& d : *devices) {
    pnm |= d.name == "pnm:0";
    test |= d.name == "test:0";
  }
  EXPECT_TRUE(pnm);
  EXPECT_TRUE(test);
}

TEST_F(SaneScanTest, UnknownDeviceIsNotFound) {
  auto device = SaneDevice::Open(*session_, "nosuchbackend:0");
  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.status().code(), Code::kNotFound);
}

TEST_F(SaneScanTest, PnmPageIsStreamedIntoThePageStore) {
  const fs::path input = dir_.path() / "in.pnm";
  ASSERT_OK(testing::RenderGrayPage(input, {"Заява про призначення допомоги", "Прізвище: Іваненко"}));
  ASSERT_NO_FATAL_FAILURE(OpenDevice("pnm:0"));
  auto& device = device_;
  ASSERT_OK(device->SetOption("filename", input.string()));
  ASSERT_OK(device->SetOption("resolution", "100"));
  auto store = PageStore::Open(dir_.path() / "case");
  ASSERT_OK(store);
  BatchResult batch = ScanBatch(*device, *store, {});
  ASSERT_FALSE(batch.fault) << batch.fault->log_message;
  ASSERT_EQ(batch.pages.size(), 1u);  // a flatbed gives one page per batch
  const PageMetadata& page = batch.pages[0];
  EXPECT_EQ(page.sequence, 1);
  EXPECT_EQ(page.file, "0001.pnm");
  EXPECT_EQ(page.device, "pnm:0");
  EXPECT_EQ(page.source, "flatbed");
  EXPECT_EQ(page.dpi, 100);
  EXPECT_EQ(page.settings.at("resolution"), "100");
  // The scanned file is byte-identical in pixels to the input.
  auto original = ReadFile(input);
  auto scanned = ReadFile(dir_.path() / "case/pages/0001.pnm");
  ASSERT_OK(original);
  ASSERT_OK(scanned);
  auto pixels = [](const std::string& pnm, int w, int h) {
    return pnm.substr(pnm.size() - static_cast<size_t>(w) * h);
  };
  EXPECT_EQ(page.width * page.height + 0u, pixels(*original, page.width, page.height).size());
  EXPECT_EQ(pixels(*original, page.width, page.height), pixels(*scanned, page.width, page.height));
  EXPECT_TRUE(fs::exists(dir_.path() / "case/pages/0001.json"));
  auto listed = store->List();
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].height, page.height);
}

TEST_F(SaneScanTest, ScansSeveralFilesIntoOneCaseAndResumesNumbering) {
  std::vector<fs::path> files;
  for (int i = 0; i < 3; ++i) {
    files.push_back(dir_.path() / ("p" + std::to_string(i) + ".pnm"));
    ASSERT_OK(testing::RenderGrayPage(files.back(), {"Сторінка " + std::to_string(i + 1)}, 75, i + 1));
  }
  ASSERT_NO_FATAL_FAILURE(OpenDevice("pnm:0"));
  auto& device = device_;
  {
    auto store = PageStore::Open(dir_.path() / "case");
    ASSERT_OK(store);
    BatchResult batch = ScanFilesThroughPnm(*device, *store, {files[0], files[1]}, {});
    ASSERT_FALSE(batch.fault);
    ASSERT_EQ(batch.pages.size(), 2u);
    EXPECT_EQ(batch.pages[1].sequence, 2);
  }
  auto reopened = PageStore::Open(dir_.path() / "case");
  ASSERT_OK(reopened);
  EXPECT_EQ(reopened->next_sequence(), 3);
  BatchResult more = ScanFilesThroughPnm(*device, *reopened, {files[2]}, {});
  ASSERT_EQ(more.pages.size(), 1u);
  EXPECT_EQ(more.pages[0].file, "0003.pnm");
}

TEST_F(SaneScanTest, MissingFileIsAFaultAndKeepsEarlierPages) {
  const fs::path good = dir_.path() / "good.pnm";
  ASSERT_OK(testing::RenderGrayPage(good, {"Декларація"}, 75));
  ASSERT_NO_FATAL_FAILURE(OpenDevice("pnm:0"));
  auto& device = device_;
  auto store = PageStore::Open(dir_.path() / "case");
  ASSERT_OK(store);
  BatchResult batch = ScanFilesThroughPnm(*device, *store, {good, dir_.path() / "missing.pnm"}, {});
  ASSERT_EQ(batch.pages.size(), 1u);
  ASSERT_TRUE(batch.fault);
  EXPECT_FALSE(batch.fault->message_uk.empty());
  auto listed = store->List();
  ASSERT_OK(listed);
  EXPECT_EQ(listed->size(), 1u);
}

TEST_F(SaneScanTest, TestBackendFeederEmptiesAfterTenPages) {
  ASSERT_NO_FATAL_FAILURE(OpenDevice("test:0"));
  auto& device = device_;
  ASSERT_OK(device->SetOption("source", "Automatic Document Feeder"));
  ASSERT_OK(device->SetOption("resolution", "25"));
  ASSERT_OK(device->SetOption("test-picture", "Grid"));
  auto store = PageStore::Open(dir_.path() / "case");
  ASSERT_OK(store);
  BatchResult batch = ScanBatch(*device, *store, {});
  EXPECT_FALSE(batch.fault) << batch.fault->log_message;
  EXPECT_TRUE(batch.feeder_empty);
  ASSERT_EQ(batch.pages.size(), 10u);
  EXPECT_EQ(batch.pages[9].file, "0010.pnm");
  EXPECT_EQ(batch.pages[0].source, "adf-front");
}

}  // namespace
}  // namespace intake::capture
