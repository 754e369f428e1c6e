#include "ocr/reading_corrections.h"

#include <gtest/gtest.h>

namespace intake::ocr {
namespace {

TEST(ReadingCorrectionsTest, ReplacesWordsInOrderInThePageText) {
  const std::string text = "Паспорт (І0-картка) №: 1\nІВАМ: UA39\n\nІВАМ ще раз\n";
  const std::vector<std::string> before = {
      "Паспорт", "(І0-картка)", "№:", "1", "ІВАМ:", "UA39", "ІВАМ", "ще", "раз"};
  std::vector<std::string> after = before;
  after[1] = "(ID-картка)";
  after[6] = "IBAN";
  EXPECT_EQ(ReplaceWordsInText(text, before, after),
            "Паспорт (ID-картка) №: 1\nІВАМ: UA39\n\nIBAN ще раз\n");
}

TEST(ReadingCorrectionsTest, AWordMissingFromTheTextDoesNotShiftTheOthers) {
  const std::string text = "а ІВАМ б\nа ІВАМ\n";
  // The engine's words have an extra one the text lacks; "а" must not match inside a word.
  const std::vector<std::string> before = {"а", "ІВАМ", "зайве", "б", "а", "ІВАМ"};
  std::vector<std::string> after = before;
  after[5] = "IBAN";
  EXPECT_EQ(ReplaceWordsInText(text, before, after), "а ІВАМ б\nа IBAN\n");
}

TEST(ReadingCorrectionsTest, HocrWordSpansGetTheCorrectedReadingEscaped) {
  const std::string hocr =
      "<span class='ocr_line' id='line_1_1'>"
      "<span class='ocrx_word' id='word_1_1' title='bbox 1 1 9 9; x_wconf 90'>ІВАМ:</span> "
      "<span class='ocrx_word' id='word_1_2' title='bbox 1 1 9 9; x_wconf 90'> </span> "
      "<span class='ocrx_word' id='word_1_3' title='bbox 1 1 9 9; x_wconf 90'>Ім&#39;я</span> "
      "<span class='ocrx_word' id='word_1_4' title='bbox 1 1 9 9; x_wconf 90'>Мо</span>"
      "</span>";
  const std::vector<std::string> before = {"ІВАМ:", "Ім'я", "Мо"};
  const std::vector<std::string> after = {"IBAN:", "Ім'я", "A&B"};
  const std::string fixed = ReplaceWordsInHocr(hocr, before, after);
  EXPECT_NE(fixed.find("x_wconf 90'>IBAN:</span>"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find(">Ім&#39;я</span>"), std::string::npos) << fixed;  // unchanged
  EXPECT_NE(fixed.find(">A&amp;B</span>"), std::string::npos) << fixed;
  EXPECT_EQ(fixed.find("ІВАМ"), std::string::npos) << fixed;
  EXPECT_EQ(fixed.find(">Мо<"), std::string::npos) << fixed;
  EXPECT_EQ(ReplaceWordsInHocr(hocr, before, before), hocr);
}

}  // namespace
}  // namespace intake::ocr
