#include "ocr/cleanup.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "tests/ocr/cleanup_test_pages.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

using testing::Spec;

cv::Mat Render(const testpages::PageSpec& spec) {
  auto page = testpages::RenderPage(spec);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? *page : cv::Mat();
}

// Pages at random angles over ±20° and every turn: the skew is found to 0.15° whatever the
// angle (the target: median 0.1°, worst 0.3°).
TEST(CleanPage, FindsRandomSkewOnTurnedPages) {
  std::mt19937 rng(20261123);
  std::uniform_real_distribution<double> angle(-20, 20);
  for (int i = 0; i < 6; ++i) {
    const double skew = std::round(angle(rng) * 100) / 100;
    const int turn = 90 * (i % 4);
    auto cleaned = CleanPage(Render(Spec(skew, turn, i % 2 ? 60 : 0)));
    ASSERT_OK(cleaned);
    EXPECT_NEAR(cleaned->skew_deg, skew, 0.15) << "turn " << turn;
    EXPECT_EQ(cleaned->lines_vertical, turn == 90 || turn == 270) << "turn " << turn;
    EXPECT_FALSE(cleaned->blank);
    EXPECT_FALSE(cleaned->keep_tone);
  }
}

TEST(CleanPage, StraightPageIsNotRotated) {
  auto cleaned = CleanPage(Render(Spec(0)));
  ASSERT_OK(cleaned);
  EXPECT_NEAR(cleaned->skew_deg, 0, 0.05);
  EXPECT_GT(cleaned->skew_confidence, kMinSkewConfidence);
}

// A tilt under min_warp_deg is reported but the page is only cropped, not resampled: the
// output is then pixel-identical to the input (no border here, so the crop is the page).
TEST(CleanPage, TinySkewIsReportedButNotWarped) {
  const cv::Mat input = Render(Spec(0.03));
  auto cleaned = CleanPage(input);
  ASSERT_OK(cleaned);
  EXPECT_NEAR(cleaned->skew_deg, 0.03, 0.03);
  ASSERT_EQ(cleaned->gray.size(), cleaned->crop_box.size());
  EXPECT_EQ(cv::norm(cleaned->gray, input(cleaned->crop_box), cv::NORM_INF), 0);
  // The same page with the threshold at 0 is resampled (interpolation changes pixels).
  CleanupOptions always;
  always.min_warp_deg = 0;
  auto warped = CleanPage(input, always);
  ASSERT_OK(warped);
  ASSERT_NE(warped->skew_deg, 0);
  const cv::Mat straight = input(warped->crop_box);
  const cv::Rect common(0, 0, std::min(straight.cols, warped->gray.cols),
                        std::min(straight.rows, warped->gray.rows));
  EXPECT_GT(cv::norm(warped->gray(common), straight(common), cv::NORM_L1), 0);
}

// Binarization can be left out and done later, with the same result.
TEST(CleanPage, BinarizeLaterGivesTheSameBinary) {
  const cv::Mat input = Render(Spec(1.3));
  auto eager = CleanPage(input);
  ASSERT_OK(eager);
  CleanupOptions lazy_options;
  lazy_options.binarize = false;
  auto lazy = CleanPage(input, lazy_options);
  ASSERT_OK(lazy);
  EXPECT_TRUE(lazy->binary.empty());
  ASSERT_OK(BinarizeCleanedPage(*lazy, lazy_options));
  ASSERT_EQ(lazy->binary.size(), eager->binary.size());
  EXPECT_EQ(cv::norm(lazy->binary, eager->binary, cv::NORM_INF), 0);
  EXPECT_EQ(lazy->specks_removed, eager->specks_removed);
}

TEST(CleanPage, RemovesDarkLidBorder) {
  const int border = 80;
  const cv::Mat input = Render(Spec(0, 0, border));
  auto cleaned = CleanPage(input);
  ASSERT_OK(cleaned);
  // The crop box is the sheet inside the border (within the safety margin of a few pixels).
  EXPECT_NEAR(cleaned->crop_box.x, border, 12);
  EXPECT_NEAR(cleaned->crop_box.y, border, 12);
  EXPECT_NEAR(cleaned->crop_box.width, input.cols - 2 * border, 24);
  EXPECT_NEAR(cleaned->crop_box.height, input.rows - 2 * border, 24);
  // No dark band is left along any edge of the result.
  const cv::Mat& g = cleaned->gray;
  for (const cv::Rect& strip : {cv::Rect(0, 0, g.cols, 8), cv::Rect(0, g.rows - 8, g.cols, 8),
                                cv::Rect(0, 0, 8, g.rows), cv::Rect(g.cols - 8, 0, 8, g.rows)})
    EXPECT_GT(cv::mean(g(strip))[0], 200) << strip;
  const cv::Mat& b = cleaned->binary;
  EXPECT_EQ(cv::countNonZero(b(cv::Rect(0, 0, b.cols, 8)) == 0), 0);
}

TEST(CleanPage, SkewedSheetOnDarkLidComesOutStraightAndClean) {
  // The whole sheet is rotated on a dark lid (not only its content): render a page with a
  // border, then rotate everything by 4° over black.
  cv::Mat page = Render(Spec(0));
  cv::Mat padded;
  cv::copyMakeBorder(page, padded, 150, 150, 150, 150, cv::BORDER_CONSTANT, cv::Scalar(30));
  cv::Mat rotated;
  cv::warpAffine(padded,  rotated,
                 cv::getRotationMatrix2D(cv::Point2f(padded.cols / 2.0f, padded.rows / 2.0f), 4.0, 1.0),
                 padded.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(30));
  auto cleaned = CleanPage(rotated);
  ASSERT_OK(cleaned);
  EXPECT_NEAR(cleaned->skew_deg, 4.0, 0.15);
  // The result is about the sheet's size, and its edges are paper, not lid.
  EXPECT_NEAR(cleaned->gray.cols, page.cols, 40);
  EXPECT_NEAR(cleaned->gray.rows, page.rows, 40);
  const cv::Mat& g = cleaned->gray;
  EXPECT_GT(cv::mean(g(cv::Rect(0, 0, 10, g.rows)))[0], 200);
  EXPECT_GT(cv::mean(g(cv::Rect(g.cols - 10, 0, 10, g.rows)))[0], 200);
}

TEST(CleanPage, BinaryHasTextAndWhitePaper) {
  auto cleaned = CleanPage(Render(Spec(1.5)));
  ASSERT_OK(cleaned);
  ASSERT_EQ(cleaned->binary.type(), CV_8UC1);
  ASSERT_EQ(cleaned->binary.size(), cleaned->gray.size());
  const double ink = 1.0 - cv::countNonZero(cleaned->binary) / double(cleaned->binary.total());
  EXPECT_GT(ink, 0.01);  // text is there
  EXPECT_LT(ink, 0.15);  // the paper is not
}

TEST(CleanPage, RefusesBadInput) {
  EXPECT_EQ(CleanPage(cv::Mat()).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(CleanPage(cv::Mat(100, 100, CV_8U, cv::Scalar(255))).status().code(),
            Code::kInvalidArgument);  // smaller than an inch at 300 dpi
  EXPECT_EQ(CleanPage(cv::Mat(400, 400, CV_32F, cv::Scalar(1))).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(CleanPage(cv::Mat(400, 400, CV_8UC2, cv::Scalar(1, 1))).status().code(),
            Code::kInvalidArgument);
  CleanupOptions zero_dpi;
  zero_dpi.dpi = 0;
  EXPECT_EQ(CleanPage(cv::Mat(400, 400, CV_8U, cv::Scalar(255)), zero_dpi).status().code(),
            Code::kInvalidArgument);
}

TEST(CleanPage, AcceptsSixteenBitAndBgra) {
  cv::Mat page = Render(Spec(2));
  cv::Mat wide;
  page.convertTo(wide, CV_16U, 257);
  auto from_wide = CleanPage(wide);
  ASSERT_OK(from_wide);
  EXPECT_NEAR(from_wide->skew_deg, 2, 0.15);
  cv::Mat bgra;
  cv::cvtColor(page, bgra, cv::COLOR_GRAY2BGRA);
  auto from_bgra = CleanPage(bgra);
  ASSERT_OK(from_bgra);
  EXPECT_NEAR(from_bgra->skew_deg, 2, 0.15);
  EXPECT_FALSE(from_bgra->is_colour);  // gray content in colour channels is not colour
}

}  // namespace
}  // namespace intake::ocr
