// CurrentCaseSink: the watched folder's pages land in the current case, checked against the
// configured profile (daemon.watch_profile) like scanned pages; flagged pages are kept.
#include "workstation/current_case_sink.h"

#include "capture/image_file_reader.h"
#include "capture/page_store.h"
#include "capture/scan_profile.h"
#include "tests/support/test_util.h"

namespace intake {
namespace {

namespace fs = std::filesystem;

// A written page: black text-like bars on white paper, `height_mm` long at `dpi`.
capture::ImageFilePage WrittenPage(double dpi, double height_mm) {
  capture::ImageFilePage page;
  page.width = static_cast<int>(210 / 25.4 * dpi);
  page.height = static_cast<int>(height_mm / 25.4 * dpi);
  page.channels = 1;
  page.stride = page.width;
  page.bytes.assign(page.stride * page.height, 240);
  for (int y = page.height / 10; y < page.height * 9 / 10; y += 40)
    for (int r = y; r < y + 8; ++r)
      for (int x = page.width / 8; x < page.width * 7 / 8; ++x) page.bytes[r * page.stride + x] = 20;
  page.dpi_x = page.dpi_y = dpi;
  page.dpi_from_file = true;
  return page;
}

capture::ImportSourceFile Source(const std::string& name) {
  capture::ImportSourceFile source;
  source.name = name;
  source.fingerprint = "fp-" + name;
  source.format = capture::ImageFileFormat::kTiff;  // re-encoded (a PNG or JPEG is kept as is)
  source.page_count = 1;
  return source;
}

std::vector<capture::PageMetadata> StoreOne(const fs::path& case_dir,
                                            const capture::PageExpectations& expect,
                                            const capture::ImageFilePage& page) {
  CurrentCaseSink sink([&]() -> Result<fs::path> { return case_dir; }, "file:inbox", expect);
  EXPECT_OK(sink.StorePage(Source("scan.png"), page));
  EXPECT_EQ(sink.TakeStoredCount(), 1);
  sink.Release();
  auto pages = capture::PageStore::ListPages(case_dir);
  EXPECT_OK(pages);
  return pages.ok() ? *pages : std::vector<capture::PageMetadata>{};
}

TEST(CurrentCaseSinkTest, LowResolutionFileIsFlaggedAgainstTheWatchProfileAndKept) {
  testing::TempDir dir;
  const std::vector<capture::ScanProfile> profiles = capture::DefaultProfiles();
  const capture::ScanProfile* forms = capture::FindProfile(profiles, "forms");
  ASSERT_NE(forms, nullptr);
  auto pages = StoreOne(dir.path(), forms->Expectations(), WrittenPage(150, 297));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(pages[0].rescan) << "150 dpi against a 300 dpi profile";
}

TEST(CurrentCaseSinkTest, TheSamePageIsNotFlaggedWithoutAProfile) {
  testing::TempDir dir;
  auto pages = StoreOne(dir.path(), capture::PageExpectations{}, WrittenPage(150, 297));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_FALSE(pages[0].rescan);
}

TEST(CurrentCaseSinkTest, DoubleLengthPageIsFlaggedAsTooLong) {
  testing::TempDir dir;
  const std::vector<capture::ScanProfile> profiles = capture::DefaultProfiles();
  const capture::ScanProfile* forms = capture::FindProfile(profiles, "forms");
  ASSERT_NE(forms, nullptr);
  auto pages = StoreOne(dir.path(), forms->Expectations(), WrittenPage(300, 2 * 297));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(pages[0].rescan) << "two A4 sheets fed as one";
}

}  // namespace
}  // namespace intake
