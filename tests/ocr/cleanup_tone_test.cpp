// Tone decisions (keep gray/colour vs. B/W) and punch-hole removal through CleanPage.
#include "ocr/cleanup_tone.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "tests/ocr/cleanup_test_pages.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

constexpr double kPxPerMm = 300 / 25.4;

cv::Mat TextPage() {
  auto page = testpages::RenderPage(testing::Spec(0.8));
  EXPECT_TRUE(page.ok());
  return page.ok() ? *page : cv::Mat();
}

TEST(CleanupTone, PlainTextPageGoesBlackAndWhite) {
  cv::Mat bgr;
  cv::cvtColor(TextPage(), bgr, cv::COLOR_GRAY2BGR);
  auto cleaned = CleanPage(bgr);
  ASSERT_OK(cleaned);
  EXPECT_FALSE(cleaned->keep_tone);
  EXPECT_FALSE(cleaned->is_colour);
  EXPECT_TRUE(cleaned->colour.empty());
}

TEST(CleanupTone, PhotoKeepsGray) {
  cv::Mat page = TextPage();
  // A 30 x 40 mm ID photo: smooth shading with detail, mostly mid-tones.
  const cv::Rect photo(1700, 400, static_cast<int>(30 * kPxPerMm), static_cast<int>(40 * kPxPerMm));
  cv::Mat face(photo.size(), CV_8U);
  for (int y = 0; y < face.rows; ++y)
    for (int x = 0; x < face.cols; ++x) face.at<uchar>(y, x) = static_cast<uchar>(70 + (x + y) % 110);
  cv::GaussianBlur(face, face, cv::Size(9, 9), 3);
  face.copyTo(page(photo));
  auto cleaned = CleanPage(page);
  ASSERT_OK(cleaned);
  EXPECT_TRUE(cleaned->keep_tone) << cleaned->photo_fraction;
  EXPECT_FALSE(cleaned->is_colour);
}

TEST(CleanupTone, BlueStampKeepsColour) {
  cv::Mat bgr;
  cv::cvtColor(TextPage(), bgr, cv::COLOR_GRAY2BGR);
  // A round stamp, 40 mm across, blue-violet ink lines 0.5 mm wide.
  const cv::Point centre(1600, 2900);
  const int line = static_cast<int>(0.5 * kPxPerMm);
  cv::circle(bgr, centre, static_cast<int>(20 * kPxPerMm), cv::Scalar(170, 60, 80), line);
  cv::circle(bgr, centre, static_cast<int>(14 * kPxPerMm), cv::Scalar(170, 60, 80), line);
  cv::putText(bgr, "STAMP", centre - cv::Point(130, -20), cv::FONT_HERSHEY_SIMPLEX, 2,
              cv::Scalar(170, 60, 80), line);
  auto cleaned = CleanPage(bgr);
  ASSERT_OK(cleaned);
  EXPECT_TRUE(cleaned->is_colour) << cleaned->colour_fraction;
  EXPECT_TRUE(cleaned->keep_tone);
  ASSERT_EQ(cleaned->colour.type(), CV_8UC3);
  EXPECT_EQ(cleaned->colour.size(), cleaned->gray.size());
}

TEST(CleanupTone, PunchHolesArePaintedOut) {
  cv::Mat page = TextPage();
  const int x = static_cast<int>(11 * kPxPerMm), r = static_cast<int>(3 * kPxPerMm);
  const cv::Point holes[] = {{x, page.rows / 2 - 960}, {x, page.rows / 2 + 960}};
  for (const cv::Point& c : holes) cv::circle(page, c, r, cv::Scalar(20), cv::FILLED);
  auto cleaned = CleanPage(page);
  ASSERT_OK(cleaned);
  EXPECT_EQ(cleaned->punch_holes_removed, 2);
  EXPECT_FALSE(cleaned->keep_tone);  // a hole is not a photo
  // Straight page, no border: output coordinates are input coordinates.
  for (const cv::Point& c : holes) {
    const cv::Rect spot(c.x - r, c.y - r, 2 * r, 2 * r);
    EXPECT_GT(cv::mean(cleaned->gray(spot))[0], 200);
    EXPECT_EQ(cv::countNonZero(cleaned->binary(spot) == 0), 0);
  }
}

}  // namespace
}  // namespace intake::ocr
