#include "ocr/fill_line_finder.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace intake::ocr {
namespace {

OcrWord Word(const std::string& text, int left, int top, int right, int bottom, int line) {
  OcrWord w;
  w.text = text;
  w.left = left;
  w.top = top;
  w.right = right;
  w.bottom = bottom;
  w.line = line;
  return w;
}

// A page with two text lines (words drawn as boxes: only their positions matter) and the
// strokes each test adds. Text height 40 px, character pitch 25 px ("Підпис" = 6 x 25).
struct Page {
  cv::Mat gray{600, 1600, CV_8UC1, cv::Scalar(255)};
  std::vector<OcrWord> words = {Word("Дата:", 100, 100, 225, 140, 0),
                                Word("06.10.2026", 250, 100, 500, 140, 0),
                                Word("Підпис", 530, 100, 680, 140, 0),
                                Word("Прошу", 100, 300, 250, 340, 1),
                                Word("призначити", 275, 300, 525, 340, 1)};
  std::string text = "Дата: 06.10.2026 Підпис\n\nПрошу призначити\n";
};

TEST(FillLineFinder, UnderscoreRunAfterAWordIsPutBack) {
  Page page;
  // 300 px rule on the baseline, 3 px thick, 15 px after "Підпис": 12 characters of pitch 25.
  cv::rectangle(page.gray, cv::Rect(695, 138, 300, 3), cv::Scalar(0), cv::FILLED);
  const auto fills = FindFillLines(page.gray, page.words);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].line, 0);
  EXPECT_EQ(fills[0].after_word, 2);
  EXPECT_EQ(fills[0].underscores, 12);
  EXPECT_EQ(InsertFillLines(page.text, page.words, fills),
            "Дата: 06.10.2026 Підпис ____________\n\nПрошу призначити\n");
}

TEST(FillLineFinder, BlankBetweenWordsGoesAfterTheWordBeforeIt) {
  Page page;
  page.words[2].left = 900;  // "Підпис" moved right; the rule sits between the date and it
  page.words[2].right = 1050;
  cv::rectangle(page.gray, cv::Rect(510, 138, 250, 3), cv::Scalar(0), cv::FILLED);
  const auto fills = FindFillLines(page.gray, page.words);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(InsertFillLines(page.text, page.words, fills),
            "Дата: 06.10.2026 __________ Підпис\n\nПрошу призначити\n");
}

TEST(FillLineFinder, RulesThatAreNotBlanksAreIgnored) {
  Page page;
  // Underline of a word (overlaps it), a table rule from the margin far from any word, a
  // thick bar (not a thin rule) and a short dash.
  cv::rectangle(page.gray, cv::Rect(275, 342, 250, 3), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page.gray, cv::Rect(40, 220, 1500, 2), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page.gray, cv::Rect(695, 125, 300, 20), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page.gray, cv::Rect(540, 338, 40, 3), cv::Scalar(0), cv::FILLED);
  EXPECT_TRUE(FindFillLines(page.gray, page.words).empty());
}

// Tesseract returns a rule as a word " " on a line of its own that the text does not have;
// the words line after it must still be found in the text.
TEST(FillLineFinder, BlankWordLineDoesNotShiftLines) {
  Page page;
  page.words.insert(page.words.begin(), Word(" ", 695, 138, 995, 141, 0));
  for (std::size_t i = 1; i < page.words.size(); ++i) page.words[i].line += 1;
  cv::rectangle(page.gray, cv::Rect(695, 138, 300, 3), cv::Scalar(0), cv::FILLED);
  const auto fills = FindFillLines(page.gray, page.words);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(InsertFillLines(page.text, page.words, fills),
            "Дата: 06.10.2026 Підпис ____________\n\nПрошу призначити\n");
}

TEST(FillLineFinder, TextThatDoesNotMatchTheWordsIsLeftAlone) {
  Page page;
  cv::rectangle(page.gray, cv::Rect(695, 138, 300, 3), cv::Scalar(0), cv::FILLED);
  const auto fills = FindFillLines(page.gray, page.words);
  ASSERT_EQ(fills.size(), 1u);
  const std::string other = "something else entirely\n";
  EXPECT_EQ(InsertFillLines(other, page.words, fills), other);
}

}  // namespace
}  // namespace intake::ocr
