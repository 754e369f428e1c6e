#include "ocr/line_script.h"

#include <gtest/gtest.h>

#include "tests/ocr/ocr_words.h"

namespace intake::ocr {
namespace {

using testing::WordsOnLines;

TEST(LineScriptTest, TwinWordsTakeTheScriptOfTheirLine) {
  // Line 0 Portuguese with a Cyrillic "о"; line 1 Ukrainian with a Latin "i" and "TOB".
  std::vector<OcrWord> words = WordsOnLines({{0, "salta"},
                                             {0, "sobre"},
                                             {0, "о"},
                                             {0, "cão"},
                                             {1, "Олійник"},
                                             {1, "i"},
                                             {1, "TOB"},
                                             {1, "Сокіл"}});
  EXPECT_EQ(MatchWordsToLineScript(words), 3);
  EXPECT_EQ(words[2].text, "o");    // Latin o
  EXPECT_EQ(words[5].text, "і");    // Cyrillic і
  EXPECT_EQ(words[6].text, "ТОВ");  // Cyrillic Т О В
  EXPECT_EQ(words[0].text, "salta");
  EXPECT_EQ(words[4].text, "Олійник");
}

TEST(LineScriptTest, WordsWithALetterOfTheirOwnOrOnMixedLinesStay) {
  std::vector<OcrWord> words = WordsOnLines({
      {0, "IBAN:"},
      {0, "рахунок"},
      {0, "клієнта"},  // N has no Cyrillic twin
      {1, "ID"},
      {1, "картка"},  // D neither
      {2, "ТОВ"},
      {2, "«Сокіл»"},
      {2, "Sokil"},  // 5 and 5: a mixed line
      {3, "2454770736"},
      {3, "UA39"},  // no twin-only word
  });
  const std::vector<OcrWord> before = words;
  EXPECT_EQ(MatchWordsToLineScript(words), 0);
  for (size_t i = 0; i < words.size(); ++i) EXPECT_EQ(words[i].text, before[i].text) << i;
}

TEST(LineScriptTest, CountsLettersOfEachScript) {
  const ScriptCounts c = CountScripts("IBAN: рахунок 12");
  EXPECT_EQ(c.latin, 4);
  EXPECT_EQ(c.cyrillic, 7);
}

}  // namespace
}  // namespace intake::ocr
