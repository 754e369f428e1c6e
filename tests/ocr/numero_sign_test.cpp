#include "ocr/numero_sign.h"

#include <gtest/gtest.h>

#include "tests/ocr/ocr_words.h"

namespace intake::ocr {
namespace {

// Words of one line.
std::vector<OcrWord> Line(const std::vector<std::string>& texts, int line = 0) {
  std::vector<std::pair<int, std::string>> pairs;
  for (const auto& t : texts) pairs.emplace_back(line, t);
  return testing::WordsOnLines(pairs);
}

TEST(NumeroSignTest, ReadingsOfTheSign) {
  for (const char* w : {"Ме", "Мо", "No", "Ne", "Nо", "Mo:", "Ne.", "N°", "Nº:"}) {
    EXPECT_TRUE(IsNumeroSignReading(w)) << w;
  }
  for (const char* w : {"не", "Не", "No1", "Мої", "N", "Мов", "", "Nu"}) {
    EXPECT_FALSE(IsNumeroSignReading(w)) << w;
  }
}

TEST(NumeroSignTest, SignBeforeANumberOnAUkrainianLineIsPutBack) {
  std::vector<OcrWord> words = Line({"постанова", "від", "16.05.2014", "Ме", "523"});
  std::vector<OcrWord> second = Line({"Паспорт", "(ID-картка)", "No:", "719247775"}, 1);
  words.insert(words.end(), second.begin(), second.end());
  EXPECT_EQ(RestoreNumeroSigns(words), 2);
  EXPECT_EQ(words[3].text, "№");
  EXPECT_EQ(words[7].text, "№:");
}

TEST(NumeroSignTest, LeftAloneWithoutANumberAfterOrOnALatinLine) {
  std::vector<OcrWord> words = Line({"Мо", "слово", "тут"});
  std::vector<OcrWord> english = Line({"Invoice", "No", "15"}, 1);
  std::vector<OcrWord> split = Line({"сума", "Ме"}, 2);
  std::vector<OcrWord> next_line = Line({"523", "грн"}, 3);
  for (auto* part : {&english, &split, &next_line})
    words.insert(words.end(), part->begin(), part->end());
  const std::vector<OcrWord> unchanged = words;
  EXPECT_EQ(RestoreNumeroSigns(words), 0);
  for (size_t i = 0; i < words.size(); ++i) EXPECT_EQ(words[i].text, unchanged[i].text);
}

}  // namespace
}  // namespace intake::ocr
