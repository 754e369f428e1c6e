// Imported pages get the same per-page checks as scanned pages (page_checks.h): a page that is
// nearly blank, too dark, too faint, longer than the profile allows or of lower resolution
// than asked is stored with rescan = true and its checks in the page JSON — never dropped.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>

#include "capture/folder_import_page_store.h"
#include "capture/folder_import_pages.h"
#include "capture/page_store.h"
#include "capture/scan_profile.h"
#include "core/file_util.h"
#include "tests/capture/image_file_test_files.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
namespace files = intake::testing::files;
using intake::testing::TempDir;
using Kind = FolderImportOutcome::Kind;

// An A4-shaped page at `dpi`: white paper with dark text lines, like a form.
cv::Mat FormPage(int dpi, int paper = 245, int ink = 20) {
  const int width = dpi * 2100 / 254, height = dpi * 2970 / 254;
  cv::Mat page(height, width, CV_8UC1, cv::Scalar(paper));
  for (int y = height / 10; y < height * 8 / 10; y += height / 25)
    cv::putText(page, "Zayava pro pryznachennia dopomohy 12345", {width / 12, y},
                cv::FONT_HERSHEY_SIMPLEX, dpi / 120.0, cv::Scalar(ink), std::max(1, dpi / 60));
  return page;
}

class FolderImportChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = PageStore::Open(dir_.path() / "case");
    ASSERT_OK(store);
    store_ = std::make_unique<PageStore>(std::move(*store));
  }
  // Imports one file into the case with the "forms" profile's expectations (300 dpi asked,
  // at most 297 mm + 10 %) and returns the JSON of the page it stored.
  PageMetadata ImportOne(const std::string& name, const std::string& bytes) {
    const fs::path file = dir_.path() / name;
    files::WriteBytes(file, bytes);
    const ScanProfile* forms = FindProfile(DefaultProfiles(), "forms");
    EXPECT_NE(forms, nullptr);
    PageStoreSink sink(*store_, "file:test", forms->Expectations());
    int reported = 0;
    sink.set_on_page([&](const PageMetadata&) { ++reported; });
    auto outcome = ImportFileInPlace(file, sink, {});
    EXPECT_OK(outcome);
    EXPECT_EQ(outcome.ok() ? outcome->kind : Kind::kRejected, Kind::kImported);
    EXPECT_EQ(reported, 1);
    auto pages = PageStore::ListPages(dir_.path() / "case");
    EXPECT_OK(pages);
    if (!pages.ok() || pages->empty()) return {};
    return pages->back();
  }
  static std::vector<std::string> CheckNames(const PageMetadata& page) {
    std::vector<std::string> names;
    for (const auto& c : page.checks) names.push_back(c.check);
    std::sort(names.begin(), names.end());
    return names;
  }

  TempDir dir_;
  std::unique_ptr<PageStore> store_;
};

TEST_F(FolderImportChecksTest, GoodPageIsNotFlagged) {
  PageMetadata page = ImportOne("good.png", files::PngWithDpi(FormPage(300), 300));
  EXPECT_TRUE(page.checks.empty()) << page.checks.front().check << " " << page.checks.front().detail;
  EXPECT_FALSE(page.rescan);
}

TEST_F(FolderImportChecksTest, BlankPageIsStoredAndFlagged) {
  cv::Mat blank(3508, 2480, CV_8UC1, cv::Scalar(250));
  PageMetadata page = ImportOne("blank.png", files::PngWithDpi(blank, 300));
  EXPECT_EQ(CheckNames(page), std::vector<std::string>{"nearly_blank"});
  EXPECT_TRUE(page.rescan);
  EXPECT_FALSE(page.checks[0].message_uk.empty());
  EXPECT_TRUE(fs::exists(store_->pages_dir() / page.file)) << "a flagged page is kept";
  // The flag is in the page's JSON, where the operator's screen and the recogniser read it.
  auto text = ReadFile(store_->pages_dir() / (PageStem(page.sequence) + ".json"));
  ASSERT_OK(text);
  EXPECT_NE(text->find("\"nearly_blank\""), std::string::npos);
  EXPECT_NE(text->find("\"rescan\": true"), std::string::npos);
}

TEST_F(FolderImportChecksTest, DarkAndFaintJpegPagesAreFlagged) {
  PageMetadata dark = ImportOne("dark.jpg", files::JpegWithDpi(FormPage(300, 70, 0), 300));
  EXPECT_EQ(CheckNames(dark), std::vector<std::string>{"too_dark"});
  PageMetadata faint = ImportOne("faint.jpg", files::JpegWithDpi(FormPage(300, 245, 190), 300));
  EXPECT_EQ(CheckNames(faint), std::vector<std::string>{"too_light"});
  EXPECT_TRUE(dark.rescan && faint.rescan);
}

TEST_F(FolderImportChecksTest, LowResolutionFileIsFlagged) {
  PageMetadata page = ImportOne("150dpi.png", files::PngWithDpi(FormPage(150), 150));
  EXPECT_EQ(CheckNames(page), std::vector<std::string>{"low_resolution"});
  // Without a resolution in the file nothing can be said about it (nor about its length).
  PageMetadata unknown = ImportOne("nodpi.png", files::Encode(FormPage(150), ".png"));
  EXPECT_TRUE(unknown.checks.empty());
}

TEST_F(FolderImportChecksTest, DoubleFeedLengthInTiffAndPdfIsFlagged) {
  // Two A4 sheets fed as one: 594 mm at 100 dpi (the forms profile allows 327 mm).
  cv::Mat two;
  cv::vconcat(FormPage(100), FormPage(100), two);
  ASSERT_TRUE(files::WriteTiff(dir_.path() / "feed.tif", {FormPage(100), two}, 100, false));
  const ScanProfile* forms = FindProfile(DefaultProfiles(), "forms");
  ASSERT_NE(forms, nullptr);
  PageExpectations expect = forms->Expectations();
  expect.asked_dpi = 0;  // only the length matters here
  PageStoreSink sink(*store_, "file:test", expect);
  auto outcome = ImportFileInPlace(dir_.path() / "feed.tif", sink, {});
  ASSERT_OK(outcome);
  EXPECT_EQ(outcome->pages_stored, 2);
  files::WriteBytes(dir_.path() / "feed.pdf", files::PdfOfJpegs({two}, 100));
  ImageFileOptions pdf_options;
  pdf_options.pdf_dpi = 100;
  outcome = ImportFileInPlace(dir_.path() / "feed.pdf", sink, pdf_options);
  ASSERT_OK(outcome);
  auto pages = store_->List();
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 3u);
  EXPECT_TRUE((*pages)[0].checks.empty());
  EXPECT_EQ(CheckNames((*pages)[1]), std::vector<std::string>{"too_long"});
  EXPECT_EQ(CheckNames((*pages)[2]), std::vector<std::string>{"too_long"});
}

}  // namespace
}  // namespace intake::capture
