#include "ocr/hocr_words.h"

#include <gtest/gtest.h>

namespace intake::ocr {
namespace {

// The shape Tesseract 5 writes: lines with double-quoted titles, words with single-quoted.
constexpr const char* kHocr =
    "<div class='ocr_page' id='page_1' title='image \"\"; bbox 0 0 2480 3508; ppageno 0'>\n"
    "<span class='ocr_line' id='line_1_1' title=\"bbox 290 289 900 340; baseline 0.01 -10; "
    "x_size 48.5; x_descenders 9.5; x_ascenders 10.5\">\n"
    "<span class='ocrx_word' id='word_1_1' title='bbox 290 289 455 330; x_wconf 96'>Ім&#39;я:"
    "</span>\n"
    "<span class='ocrx_word' id='word_1_2' title='bbox 490 289 600 340; x_wconf 95'>A&amp;B"
    "</span>\n"
    "<span class='ocrx_word' id='word_1_3' title='bbox 610 289 700 340; x_wconf 0'> </span>\n"
    "</span>\n"
    "<span class='ocr_header' id='line_1_2' title=\"bbox 100 500 300 560; baseline 0 0; "
    "x_size 60\">\n"
    "<span class='ocrx_word' id='word_1_4' title='bbox 100 500 300 560; x_wconf 90'>"
    "<strong>ЗАЯВА</strong></span>\n"
    "</span></div>\n";

TEST(HocrWordsTest, WordsWithTheirLinesBaselineAndSize) {
  const HocrPage page = ParseHocrPage(kHocr);
  EXPECT_EQ(page.width, 2480);
  EXPECT_EQ(page.height, 3508);
  ASSERT_EQ(page.words.size(), 3u);  // the blank word is dropped
  EXPECT_EQ(page.words[0].text, "Ім'я:");
  EXPECT_EQ(page.words[0].left, 290);
  EXPECT_EQ(page.words[0].bottom, 330);
  EXPECT_DOUBLE_EQ(page.words[0].baseline, 340 - 10);               // line bottom + c at its left
  EXPECT_DOUBLE_EQ(page.words[1].baseline, 340 - 10 + 0.01 * 200);  // + m (x - left)
  EXPECT_DOUBLE_EQ(page.words[1].line_size, 48.5);
  EXPECT_EQ(page.words[1].text, "A&B");
  EXPECT_EQ(page.words[2].text, "ЗАЯВА");  // tags inside the word dropped
  EXPECT_DOUBLE_EQ(page.words[2].baseline, 560);
  EXPECT_DOUBLE_EQ(page.words[2].line_size, 60);
}

TEST(HocrWordsTest, NoLinesOrGarbageGiveBoxesOnlyOrNothing) {
  const HocrPage loose = ParseHocrPage(
      "<span class='ocrx_word' id='w' title='bbox 1 2 30 40; x_wconf 9'>слово</span>");
  ASSERT_EQ(loose.words.size(), 1u);
  EXPECT_EQ(loose.words[0].line_size, 0);
  EXPECT_EQ(loose.width, 0);
  EXPECT_TRUE(ParseHocrPage("not hOCR at all <span class='ocrx_word' title='").words.empty());
  EXPECT_TRUE(ParseHocrPage("").words.empty());
}

}  // namespace
}  // namespace intake::ocr
