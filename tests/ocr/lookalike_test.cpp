#include "ocr/lookalike.h"

#include <gtest/gtest.h>

namespace intake::ocr {
namespace {

TEST(LookalikeTest, LatinToCyrillicAndBack) {
  EXPECT_EQ(ToCyrillicLookalikes("KOBAЛEHKO"), "КОВАЛЕНКО");
  EXPECT_EQ(ToCyrillicLookalikes("Пeтpo"), "Петро");
  EXPECT_EQ(ToLatinLookalikes("УА39"), "YA39");  // У is Y's twin; the IBAN check reads UA
  EXPECT_EQ(ToLatinLookalikes("ІВАN"), "IBAN");
}

TEST(LookalikeTest, ApostrophesFoldToOne) {
  EXPECT_EQ(NormalizeApostrophes("сім’я"), "сім'я");
  EXPECT_EQ(NormalizeApostrophes("сімʼя"), "сім'я");
  EXPECT_EQ(NormalizeApostrophes("сім'я"), "сім'я");
}

TEST(LookalikeTest, FoldForMatchingIgnoresScriptCaseAndPunctuation) {
  EXPECT_EQ(FoldForMatching("Ім’я:"), "імя");
  EXPECT_EQ(FoldForMatching("IM'Я"), "імя");
  EXPECT_EQ(FoldForMatching("Дата  народження:"), "дата народження");
  EXPECT_EQ(FoldForMatching("ІВАМ"), "івам");
}

TEST(LookalikeTest, DigitLookalikes) {
  EXPECT_EQ(DigitLookalikes("2О19l"), "20191");
  EXPECT_EQ(DigitLookalikes("З5Б"), "356");
}

TEST(LookalikeTest, Utf8RoundTripAndInvalidBytes) {
  const std::string text = "Об’єднані ґрунти Їжак";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(text)), text);
  EXPECT_EQ(DecodeUtf8("a\xff" "b"), std::u32string(U"a\uFFFDb"));
}

}  // namespace
}  // namespace intake::ocr
