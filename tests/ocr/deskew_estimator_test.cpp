#include "ocr/deskew_estimator.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

#include "ocr/cleanup.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

// Rows of dashes ("words") on lines rotated counter-clockwise by `deg`, as an ink mask.
cv::Mat DashedLines(double deg, cv::Size size = {1240, 1754}) {
  cv::Mat ink = cv::Mat::zeros(size, CV_8U);
  for (int y = 150; y < size.height - 150; y += 36)
    for (int x = 120; x < size.width - 200; x += 90)
      cv::rectangle(ink, cv::Rect(x, y, 60 + (x * 7 + y) % 25, 12), cv::Scalar(255), cv::FILLED);
  cv::Mat rotated;
  cv::warpAffine(ink, rotated,
                 cv::getRotationMatrix2D(cv::Point2f(size.width / 2.0f, size.height / 2.0f), deg, 1),
                 size, cv::INTER_NEAREST);
  return rotated;
}

TEST(EstimateSkew, FindsAngleOfLinesBothWays) {
  for (double deg : {-19.3, -7.77, -0.4, 0.0, 0.25, 3.1, 12.6, 19.9}) {
    const SkewEstimate e = EstimateSkew(DashedLines(deg));
    EXPECT_NEAR(e.angle_deg, deg, 0.1) << deg;
    EXPECT_FALSE(e.vertical) << deg;
    EXPECT_GT(e.confidence, kMinSkewConfidence) << deg;
    cv::Mat turned;
    cv::rotate(DashedLines(deg), turned, cv::ROTATE_90_CLOCKWISE);
    const SkewEstimate v = EstimateSkew(turned);
    EXPECT_NEAR(v.angle_deg, deg, 0.1) << "turned " << deg;
    EXPECT_TRUE(v.vertical) << deg;
  }
}

TEST(EstimateSkew, NoInkMeansNoConfidence) {
  const SkewEstimate e = EstimateSkew(cv::Mat::zeros(800, 600, CV_8U));
  EXPECT_EQ(e.confidence, 0);
  EXPECT_EQ(e.angle_deg, 0);
}

// Real scans with angles published by their projects (SOURCES.md), which say they are known
// to ±0.5°; those tools report clockwise-positive angles, converted here.
TEST(CleanPageSkew, RealScansWithPublishedAngles) {
  const auto real = intake::testing::CorpusDir() / "real";
  if (!std::filesystem::exists(real / "deskew")) GTEST_SKIP() << "corpus not found: " << real;
  const std::pair<const char*, double> known[] = {
      {"deskew/deskew-2.png", 2}, {"deskew/deskew-3.png", 6},    {"deskew/deskew-4.png", -7},
      {"deskew/deskew-6.png", 3}, {"deskew/deskew-8.png", -15}, {"naps2/skewed.jpg", -16}};
  for (const auto& [file, angle] : known) {
    const cv::Mat image = cv::imread((real / file).string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(image.empty()) << file;
    auto cleaned = CleanPage(image);
    ASSERT_OK(cleaned);
    EXPECT_NEAR(cleaned->skew_deg, angle, 0.55) << file;
  }
}

TEST(CleanPageSkew, TurnedTesseractPagesComeOutStraight) {
  const auto dir = intake::testing::CorpusDir() / "real" / "tesseract";
  if (!std::filesystem::exists(dir / "phototest.tif")) GTEST_SKIP() << "corpus not found: " << dir;
  auto upright = CleanPage(cv::imread((dir / "phototest.tif").string(), cv::IMREAD_GRAYSCALE));
  ASSERT_OK(upright);
  for (const auto& [file, vertical] : {std::pair{"phototest-rotated-L.png", true},
                                       std::pair{"phototest-rotated-R.png", true},
                                       std::pair{"phototest-rotated-180.png", false}}) {
    auto turned = CleanPage(cv::imread((dir / file).string(), cv::IMREAD_GRAYSCALE));
    ASSERT_OK(turned);
    EXPECT_EQ(turned->lines_vertical, vertical) << file;
    // The same page, only turned: the same residual skew, modulo 90 and its sign under 180°.
    EXPECT_NEAR(turned->skew_deg, upright->skew_deg, 0.15) << file;
    EXPECT_FALSE(turned->blank) << file;
  }
}

}  // namespace
}  // namespace intake::ocr
