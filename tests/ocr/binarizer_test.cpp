#include "ocr/binarizer.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>

#include "ocr/cleanup.h"
#include "ocr/despeckler.h"
#include "tests/ocr/cleanup_test_pages.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

constexpr double kPxPerMm = 300 / 25.4;

double FMeasure(const cv::Mat& binary, const cv::Mat& truth_ink) {
  const cv::Mat ink = binary == 0;
  const double tp = cv::countNonZero(ink & truth_ink);
  const double fp = cv::countNonZero(ink & ~truth_ink);
  const double fn = cv::countNonZero(~ink & truth_ink);
  const double p = tp / std::max(1.0, tp + fp), r = tp / std::max(1.0, tp + fn);
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

// DIBCO 2009 printed pages against their pixel ground truth (dpi unknown; 300 assumed).
TEST(SauvolaBinarize, DibcoPrintedPages) {
  const auto dir = intake::testing::CorpusDir() / "real" / "dibco2009-printed";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "corpus not found: " << dir;
  double sum = 0;
  int n = 0;
  for (int i = 6; i <= 10; ++i) {
    char name[64], truth[64];
    std::snprintf(name, sizeof name, "dibco_img%04d.tif", i);
    std::snprintf(truth, sizeof truth, "dibco_img%04d_gt.tif", i);
    const cv::Mat gray = cv::imread((dir / name).string(), cv::IMREAD_GRAYSCALE);
    const cv::Mat gt = cv::imread((dir / truth).string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(gray.empty() || gt.empty()) << name;
    const double f = FMeasure(SauvolaBinarize(gray, kPxPerMm), gt < 128);
    EXPECT_GT(f, 0.8) << name;
    sum += f;
    ++n;
  }
  EXPECT_GT(sum / n, 0.88);
}

// Uneven light and a dark shadow along one edge come out white; the text stays.
TEST(SauvolaBinarize, UnevenLightAndEdgeShadow) {
  testpages::PageSpec spec = testing::Spec(0);
  spec.speckles = 0;  // specks are ink; here only the light changes
  auto rendered = testpages::RenderPage(spec);
  ASSERT_OK(rendered);
  cv::Mat page = *rendered;
  const cv::Mat clean_ink = page < 128;
  cv::Mat lit(page.size(), CV_8U);
  for (int y = 0; y < page.rows; ++y)
    for (int x = 0; x < page.cols; ++x) {
      double light = 0.65 + 0.35 * x / page.cols;            // a page lit from the right
      const double edge = x / (15 * kPxPerMm);                // 15 mm shadow at the left edge
      if (edge < 1) light *= 0.35 + 0.65 * edge;
      lit.at<uchar>(y, x) = cv::saturate_cast<uchar>(page.at<uchar>(y, x) * light);
    }
  const cv::Mat binary = SauvolaBinarize(lit, kPxPerMm);
  EXPECT_EQ(cv::countNonZero(binary(cv::Rect(0, 0, 150, page.rows)) == 0), 0);
  EXPECT_GT(FMeasure(binary, clean_ink), 0.9);
}

TEST(Despeckle, RemovesIsolatedSpecksKeepsDotsAndText) {
  cv::Mat page(1200, 1000, CV_8U, cv::Scalar(255));
  // Dots of i and j, a full stop, colon and semicolon, each next to a letter as in print.
  cv::putText(page, "Ji: jij; li.", cv::Point(100, 300), cv::FONT_HERSHEY_SIMPLEX, 2.5,
              cv::Scalar(0), 5);
  const int text_ink = cv::countNonZero(page == 0);
  int specks = 0;
  for (int y = 600; y < 1100; y += 100)
    for (int x = 100; x < 900; x += 160, ++specks)
      cv::circle(page, cv::Point(x, y), 1 + specks % 3, cv::Scalar(0), cv::FILLED);
  page.at<uchar>(310, 400) = 0;  // a lone dust pixel right next to the text line
  const int removed = Despeckle(page, kPxPerMm);
  EXPECT_EQ(removed, specks + 1);
  EXPECT_EQ(cv::countNonZero(page(cv::Rect(0, 550, 1000, 650)) == 0), 0);
  EXPECT_EQ(cv::countNonZero(page == 0), text_ink);  // every text pixel kept, dots included
}

}  // namespace
}  // namespace intake::ocr
