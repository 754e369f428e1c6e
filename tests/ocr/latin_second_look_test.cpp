#include "ocr/latin_second_look.h"

#include <gtest/gtest.h>

#include "ocr/latin_look_internal.h"

namespace intake::ocr {
namespace {

TEST(LatinSecondLookTest, OnlyCyrillicPartsWhoseLettersAllHaveLatinTwins) {
  EXPECT_TRUE(NeedsLatinLook("ІВАМ:"));
  EXPECT_TRUE(NeedsLatinLook("(І0-"));
  EXPECT_TRUE(NeedsLatinLook("(1р-"));
  EXPECT_TRUE(NeedsLatinLook("ТОВ"));
  EXPECT_FALSE(NeedsLatinLook("картка)"));     // к, т, к have no Latin twin
  EXPECT_FALSE(NeedsLatinLook("Ім'я:"));       // я
  EXPECT_FALSE(NeedsLatinLook("2454770736"));  // no letter
  EXPECT_TRUE(NeedsLatinLook("(10-"));         // a short code before a hyphen
  EXPECT_FALSE(NeedsLatinLook("2014-"));       // a year
  EXPECT_FALSE(NeedsLatinLook("5-"));
  EXPECT_FALSE(NeedsLatinLook("UA3937045"));  // already Latin
  EXPECT_FALSE(NeedsLatinLook(""));
  // Everyday words of twin letters, in lower case: not acronyms or codes.
  EXPECT_FALSE(NeedsLatinLook("у"));
  EXPECT_FALSE(NeedsLatinLook("усіх"));
  EXPECT_FALSE(NeedsLatinLook("р."));
  EXPECT_FALSE(NeedsLatinLook("І"));  // one capital letter
}

TEST(LatinSecondLookTest, LatinWinsWhenItHasALetterNoCyrillicModelHas) {
  EXPECT_TRUE(PreferLatinReading("ІВАМ:", 92, "IBAN:", 89));  // N
  EXPECT_TRUE(PreferLatinReading("(І0-", 79, "(ID-", 89));    // D
  EXPECT_TRUE(PreferLatinReading("(1р-", 73, "(ID-\n", 91));  // trailing newline as read
  EXPECT_TRUE(PreferLatinReading("(10-", 80, "(ID-", 90));
  EXPECT_FALSE(PreferLatinReading("10-", 80, "10-", 95));  // a number stays a number
}

TEST(LatinSecondLookTest, SameGlyphsInTheOtherScriptKeepTheCyrillic) {
  EXPECT_FALSE(PreferLatinReading("ТОВ", 80, "TOB", 96));
  EXPECT_FALSE(PreferLatinReading("ХХІ", 70, "XXI", 95));
  EXPECT_FALSE(PreferLatinReading("с.", 90, "c.", 95));
}

TEST(LatinSecondLookTest, LatinReadingWithoutLatinOnlyLetterIsRefused) {
  // Shapes differ, but every Latin letter could have come from a Cyrillic model too.
  EXPECT_FALSE(PreferLatinReading("АВ", 60, "AK", 95));
}

TEST(LatinSecondLookTest, UnsureOrDifferentlyShapedLatinReadingIsRefused) {
  EXPECT_FALSE(PreferLatinReading("ІВАМ:", 92, "IBAN:", 70));      // much less sure
  EXPECT_FALSE(PreferLatinReading("ІВАМ:", 80, "IBAN", 95));       // punctuation lost
  EXPECT_FALSE(PreferLatinReading("ІВАМ:", 80, "IB AN:", 95));     // split in two
  EXPECT_FALSE(PreferLatinReading("ІВАМ:", 80, "IBANKING:", 95));  // longer
  EXPECT_FALSE(PreferLatinReading("с.", 92, "C:", 34));
  EXPECT_FALSE(PreferLatinReading("ІВАМ:", 80, "", 95));
}

TEST(LatinSecondLookTest, HyphensSplitAWordIntoParts) {
  const std::string word = "(І0-картка)";
  const std::vector<WordPart> parts = SplitAtHyphens(word);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(word.substr(parts[0].begin, parts[0].end - parts[0].begin), "(І0-");
  EXPECT_EQ(word.substr(parts[1].begin, parts[1].end - parts[1].begin), "картка)");
  EXPECT_EQ(SplitAtHyphens("ІВАМ:").size(), 1u);
  EXPECT_EQ(SplitAtHyphens("слово-").size(), 1u);
  EXPECT_TRUE(SplitAtHyphens("").empty());
}

// A page of codes must not cost hundreds of looks: the least confident are kept, in order.
TEST(LatinSecondLookTest, LooksPerPageAreLimitedToTheLeastConfident) {
  std::vector<internal::LatinLookCandidate> candidates;
  for (size_t i = 0; i < 10; ++i) {
    internal::LatinLookCandidate c;
    c.word = i;
    c.confidence = static_cast<float>((i * 37) % 10) * 10;  // 0, 70, 40, 10, 80, ...
    candidates.push_back(c);
  }
  internal::LimitLatinLooks(candidates, 4);
  ASSERT_EQ(candidates.size(), 4u);
  for (size_t k = 0; k < candidates.size(); ++k) {
    EXPECT_LT(candidates[k].confidence, 40) << k;
    if (k > 0) EXPECT_LT(candidates[k - 1].word, candidates[k].word);
  }
  std::vector<internal::LatinLookCandidate> few(3);
  internal::LimitLatinLooks(few, 4);
  EXPECT_EQ(few.size(), 3u);
}

}  // namespace
}  // namespace intake::ocr
