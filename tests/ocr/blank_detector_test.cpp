// Blank-page decisions through CleanPage: what must stay blank and what must not.
#include "ocr/blank_detector.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "tests/ocr/cleanup_test_pages.h"
#include "tests/support/test_util.h"

namespace intake::ocr {
namespace {

constexpr double kPxPerMm = 300 / 25.4;

cv::Mat EmptyScan() {
  testpages::PageSpec spec;  // no lines
  spec.noise_sigma = 6;
  spec.speckles = 300;
  spec.dark_border_px = 50;
  auto page = testpages::RenderPage(spec);
  EXPECT_TRUE(page.ok());
  return page.ok() ? *page : cv::Mat();
}

// What the back of a printed sheet looks like through the paper: mirrored, faint text.
void AddBleedThrough(cv::Mat& page) {
  auto text = testpages::RenderPage(testing::Spec(1.0));
  ASSERT_TRUE(text.ok());
  cv::Mat mirrored;
  cv::flip(*text, mirrored, 1);
  // 255 -> 0 change, 0 -> 30 levels darker: well under the ink contrast.
  cv::Mat shade;
  cv::Mat(255 - mirrored).convertTo(shade, CV_8U, 30.0 / 255.0);
  page -= shade;
}

void AddPunchHoles(cv::Mat& page) {
  const int x = static_cast<int>(50 + 12 * kPxPerMm);  // 12 mm in from the sheet's edge
  for (int y : {page.rows / 2 - 960, page.rows / 2 + 960})
    cv::circle(page, cv::Point(x, y), static_cast<int>(3 * kPxPerMm), cv::Scalar(25), cv::FILLED);
}

TEST(BlankDetector, EmptyScanWithNoiseSpecksAndBorderIsBlank) {
  auto cleaned = CleanPage(EmptyScan());
  ASSERT_OK(cleaned);
  EXPECT_TRUE(cleaned->blank) << cleaned->blank_score;
  EXPECT_EQ(cleaned->skew_deg, 0);
}

TEST(BlankDetector, StreaksHolesBleedThroughAndFaintMarksStayBlank) {
  cv::Mat page = EmptyScan();
  // A scanner streak down the page and a shorter one across it.
  cv::line(page, cv::Point(900, 60), cv::Point(900, page.rows - 60), cv::Scalar(60), 2);
  cv::line(page, cv::Point(400, 1500), cv::Point(1400, 1500), cv::Scalar(90), 3);
  AddPunchHoles(page);
  AddBleedThrough(page);
  // A few faint pencil dots and one short faint stroke.
  for (int i = 0; i < 4; ++i)
    cv::circle(page, cv::Point(700 + 150 * i, 2200), 5, cv::Scalar(200), cv::FILLED);
  cv::line(page, cv::Point(1200, 2600), cv::Point(1300, 2630), cv::Scalar(205), 2);
  auto cleaned = CleanPage(page);
  ASSERT_OK(cleaned);
  EXPECT_TRUE(cleaned->blank) << "text marks: " << cleaned->blank_score;
  EXPECT_EQ(cleaned->punch_holes_removed, 2);
}

TEST(BlankDetector, TwoShortLinesAreNotBlank) {
  testpages::PageSpec spec;
  spec.lines = {"", "", "", "Підпис: ______", "Дата: 12.08.2026"};
  spec.noise_sigma = 6;
  spec.speckles = 200;
  auto page = testpages::RenderPage(spec);
  ASSERT_OK(page);
  auto cleaned = CleanPage(*page);
  ASSERT_OK(cleaned);
  EXPECT_FALSE(cleaned->blank);
  EXPECT_GE(cleaned->blank_score, kMinTextMarks);
}

TEST(BlankDetector, OneWordInTheMiddleIsNotBlankButSixSmallMarksAtTheEdgeAre) {
  cv::Mat page(3508, 2480, CV_8U, cv::Scalar(240));
  cv::putText(page, "ВІДМОВА", cv::Point(900, 1700), cv::FONT_HERSHEY_SIMPLEX, 3, cv::Scalar(20), 6);
  // ("ВІДМОВА" comes out as "???????" in a Hershey font: seven glyph-sized marks all the same.)
  auto word = CleanPage(page);
  ASSERT_OK(word);
  EXPECT_FALSE(word->blank) << word->blank_score;

  cv::Mat edge(3508, 2480, CV_8U, cv::Scalar(240));
  for (int i = 0; i < 8; ++i)  // an imprinter code along the bottom edge, 4 mm in
    cv::putText(edge, "7", cv::Point(1000 + 40 * i, 3508 - 48), cv::FONT_HERSHEY_SIMPLEX, 1,
                cv::Scalar(20), 3);
  auto imprint = CleanPage(edge);
  ASSERT_OK(imprint);
  EXPECT_TRUE(imprint->blank) << imprint->blank_score;
}

TEST(BlankDetector, RealScansFromNaps2) {
  const auto dir = intake::testing::CorpusDir() / "real" / "naps2";
  if (!std::filesystem::exists(dir / "notblank.jpg")) GTEST_SKIP() << "corpus not found: " << dir;
  for (const auto& [file, blank] : {std::pair{"blank1.jpg", true}, std::pair{"blank2.jpg", true},
                                    std::pair{"notblank.jpg", false}}) {
    const cv::Mat image = cv::imread((dir / file).string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(image.empty()) << file;
    auto cleaned = CleanPage(image);
    ASSERT_OK(cleaned);
    EXPECT_EQ(cleaned->blank, blank) << file << " text marks " << cleaned->blank_score;
  }
}

}  // namespace
}  // namespace intake::ocr
