#include "ocr/tiff_g4_writer.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>

#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

namespace fs = std::filesystem;

// A bilevel page with text-like strokes, lines and isolated pixels (edge cases for G4 runs).
cv::Mat BinaryPage(int width = 1240, int height = 1754) {
  cv::Mat page(height, width, CV_8U, cv::Scalar(255));
  for (int y = 100; y < height - 100; y += 60)
    cv::putText(page, "G4 round trip 0123456789 ABCDEFGH", cv::Point(80, y),
                cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
  cv::line(page, cv::Point(0, 5), cv::Point(width - 1, 5), cv::Scalar(0), 1);
  page.at<uchar>(0, 0) = 0;
  page.at<uchar>(height - 1, width - 1) = 0;
  return page;
}

TEST(TiffG4Writer, RoundTripsPixelsAndResolution) {
  testing::TempDir dir;
  const fs::path path = dir.path() / "page.tif";
  const cv::Mat page = BinaryPage(1237, 1753);  // width not a multiple of 8
  ASSERT_OK(WriteTiffG4(path, page, 300));
  const cv::Mat back = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  ASSERT_EQ(back.size(), page.size());
  EXPECT_EQ(cv::countNonZero(back != page), 0);
  auto info = InspectTiff(path);
  ASSERT_OK(info);
  EXPECT_EQ(info->pages, 1);
  EXPECT_EQ(info->compression, kTiffCompressionG4);
  EXPECT_EQ(info->bits_per_sample, 1);
  EXPECT_EQ(info->width, 1237);
  EXPECT_EQ(info->height, 1753);
  EXPECT_DOUBLE_EQ(info->dpi_x, 300);
  EXPECT_DOUBLE_EQ(info->dpi_y, 300);
  // G4 is far smaller than the raw bits of a text page.
  EXPECT_LT(fs::file_size(path), page.total() / 8 / 5);
  // No temporary file is left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(TiffG4Writer, WritesSeveralPages) {
  testing::TempDir dir;
  const fs::path path = dir.path() / "doc.tif";
  auto writer = TiffG4Writer::Create(path);
  ASSERT_OK(writer);
  for (int i = 0; i < 3; ++i) ASSERT_OK((*writer)->AddPage(BinaryPage(800 + i, 1000), 200));
  EXPECT_FALSE(fs::exists(path));  // appears only when finished
  ASSERT_OK((*writer)->Finish());
  auto info = InspectTiff(path);
  ASSERT_OK(info);
  EXPECT_EQ(info->pages, 3);
  EXPECT_DOUBLE_EQ(info->dpi_x, 200);
}

TEST(TiffG4Writer, AbandonedOrEmptyWriterLeavesNothing) {
  testing::TempDir dir;
  const fs::path path = dir.path() / "none.tif";
  {
    auto writer = TiffG4Writer::Create(path);
    ASSERT_OK(writer);
    ASSERT_OK((*writer)->AddPage(BinaryPage(), 300));
  }  // destroyed without Finish
  {
    auto writer = TiffG4Writer::Create(path);
    ASSERT_OK(writer);
    EXPECT_EQ((*writer)->Finish().code(), Code::kFailedPrecondition);
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(TiffG4Writer, RefusesBadPagesAndPaths) {
  testing::TempDir dir;
  EXPECT_EQ(WriteTiffG4(dir.path() / "a.tif", cv::Mat(), 300).code(), Code::kInvalidArgument);
  EXPECT_EQ(WriteTiffG4(dir.path() / "b.tif", cv::Mat(10, 10, CV_8UC3), 300).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(WriteTiffG4(dir.path() / "c.tif", BinaryPage(), 0).code(), Code::kInvalidArgument);
  const Status no_dir = WriteTiffG4(dir.path() / "missing" / "d.tif", BinaryPage(), 300);
  EXPECT_EQ(no_dir.code(), Code::kIoError);
  EXPECT_NE(no_dir.message().find("missing"), std::string::npos) << no_dir.ToString();
}

TEST(InspectTiff, ReportsMissingAndCorruptFiles) {
  testing::TempDir dir;
  EXPECT_EQ(InspectTiff(dir.path() / "absent.tif").status().code(), Code::kNotFound);
  const fs::path junk = dir.path() / "junk.tif";
  std::ofstream(junk) << "II*\0 this is not really a TIFF file";
  EXPECT_EQ(InspectTiff(junk).status().code(), Code::kCorrupt);
  // A real G4 file cut in half.
  const fs::path good = dir.path() / "good.tif", cut = dir.path() / "cut.tif";
  ASSERT_OK(WriteTiffG4(good, BinaryPage(), 300));
  fs::copy_file(good, cut);
  fs::resize_file(cut, fs::file_size(good) / 2);
  auto info = InspectTiff(cut);
  // libtiff keeps the directory at the end of the file: a truncated file has none.
  EXPECT_EQ(info.status().code(), Code::kCorrupt);
}

}  // namespace
}  // namespace intake::ocr
