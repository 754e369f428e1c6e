#include "ocr/jpeg_writer.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

#include "core/file_util.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

cv::Mat ColourPage() {
  cv::Mat page(1200, 900, CV_8UC3, cv::Scalar(245, 245, 245));
  cv::circle(page, cv::Point(600, 800), 150, cv::Scalar(200, 60, 40), 12);  // a blue stamp
  cv::rectangle(page, cv::Rect(100, 100, 300, 400), cv::Scalar(90, 140, 180), cv::FILLED);
  cv::putText(page, "JPEG 300 dpi", cv::Point(100, 650), cv::FONT_HERSHEY_SIMPLEX, 2,
              cv::Scalar(20, 20, 20), 4);
  return page;
}

TEST(JpegWriter, ColourAndGrayRoundTripWithResolution) {
  testing::TempDir dir;
  const cv::Mat colour = ColourPage();
  cv::Mat gray;
  cv::cvtColor(colour, gray, cv::COLOR_BGR2GRAY);
  for (const cv::Mat& page : {colour, gray}) {
    const auto path = dir.path() / (page.channels() == 3 ? "c.jpg" : "g.jpg");
    ASSERT_OK(WriteJpeg(path, page, 300));
    const cv::Mat back = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    ASSERT_EQ(back.size(), page.size());
    ASSERT_EQ(back.channels(), page.channels());
    EXPECT_GT(cv::PSNR(back, page), 30);
    auto bytes = ReadFile(path);
    ASSERT_OK(bytes);
    EXPECT_EQ(JpegDpi(*bytes), 300);
  }
}

TEST(JpegWriter, QualityChangesSize) {
  const cv::Mat page = ColourPage();
  JpegOptions low, high;
  low.quality = 40;
  high.quality = 95;
  auto small = EncodeJpeg(page, 150, low);
  auto large = EncodeJpeg(page, 150, high);
  ASSERT_OK(small);
  ASSERT_OK(large);
  EXPECT_LT(small->size(), large->size());
  EXPECT_EQ(JpegDpi(*small), 150);
}

TEST(JpegWriter, RefusesBadInput) {
  EXPECT_EQ(EncodeJpeg(cv::Mat(), 300).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncodeJpeg(cv::Mat(10, 10, CV_16U), 300).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncodeJpeg(cv::Mat(10, 10, CV_8UC2), 300).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncodeJpeg(ColourPage(), 0).status().code(), Code::kInvalidArgument);
  JpegOptions bad;
  bad.quality = 0;
  EXPECT_EQ(EncodeJpeg(ColourPage(), 300, bad).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(JpegDpi("not a jpeg"), 0);
}

}  // namespace
}  // namespace intake::ocr
