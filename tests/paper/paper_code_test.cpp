#include "paper/paper_code.h"

#include <random>

#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

const std::string kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.:-/+ ";

TEST(PaperCodeTest, CoverAndRegisterRoundTrip) {
  std::string cover = EncodeCoverCode({"20261123-WS01-0007", {1, 2, 3}});
  auto parsed = ParsePaperCode(cover);
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->kind, PaperCode::Kind::kCoverSheet);
  EXPECT_EQ(parsed->id, "20261123-WS01-0007");
  EXPECT_EQ(parsed->cases[0].item_numbers, (std::vector<int>{1, 2, 3}));

  auto reg = EncodeRegisterCode("R-20261124-WS01-001", "uszn-district-1",
                                {{"20261123-WS01-0007", {1, 2}}, {"20261123-WS01-0008", {3}}});
  ASSERT_OK(reg);
  auto r = ParsePaperCode(*reg);
  ASSERT_OK(r);
  EXPECT_EQ(r->kind, PaperCode::Kind::kRegister);
  EXPECT_EQ(r->back_office, "uszn-district-1");
  ASSERT_EQ(r->cases.size(), 2u);
  EXPECT_EQ(r->cases[1].case_id, "20261123-WS01-0008");
  EXPECT_EQ(EncodeRegisterCode("R-20261124-WS01-001", "a:b", {}).status().code(),
            Code::kInvalidArgument);
}

TEST(PaperCodeTest, ForeignCodesAreNotOurs) {
  EXPECT_EQ(ParsePaperCode("https://example.org").status().code(), Code::kNotFound);
  EXPECT_EQ(ParsePaperCode("4820000000000").status().code(), Code::kNotFound);
}

// Every single-character misread, every adjacent swap and every truncation of a payload is
// rejected: a damaged code can never be taken for another case.
TEST(PaperCodeTest, EverySingleCharacterMisreadIsRejected) {
  std::string good = EncodeCoverCode({"20261123-WS01-0007", {1, 2}});
  int tried = 0;
  for (size_t pos = 0; pos < good.size(); ++pos) {
    for (char c : kAlphabet) {
      if (c == good[pos]) continue;
      std::string bad = good;
      bad[pos] = c;
      ++tried;
      EXPECT_FALSE(ParsePaperCode(bad).ok()) << bad;
    }
    if (pos + 1 < good.size() && good[pos] != good[pos + 1]) {
      std::string swapped = good;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_FALSE(ParsePaperCode(swapped).ok()) << swapped;
    }
    EXPECT_FALSE(ParsePaperCode(good.substr(0, pos)).ok());
  }
  EXPECT_GT(tried, 1000);
}

TEST(PaperCodeTest, RandomMultiCharacterDamageIsRejected) {
  std::mt19937 rng(20261123);
  auto reg = EncodeRegisterCode("R-20261124-WS01-001", "uszn-district-1",
                                {{"20261123-WS01-0007", {1, 2}}, {"20261123-WS01-0008", {1}}});
  ASSERT_OK(reg);
  for (const std::string& good : {EncodeCoverCode({"20261123-WS01-0007", {1}}), *reg}) {
    std::uniform_int_distribution<size_t> pos(0, good.size() - 1);
    std::uniform_int_distribution<size_t> chr(0, kAlphabet.size() - 1);
    for (int trial = 0; trial < 20000; ++trial) {
      std::string bad = good;
      int changes = 2 + trial % 4;
      for (int i = 0; i < changes; ++i) bad[pos(rng)] = kAlphabet[chr(rng)];
      if (bad == good) continue;
      ASSERT_FALSE(ParsePaperCode(bad).ok()) << bad;
    }
  }
}

TEST(PaperCodeTest, ValidCheckButMalformedContentIsCorrupt) {
  // A payload built with a correct check over nonsense must still be rejected.
  std::string forged = EncodeCoverCode({"not-a-case", {1}});
  EXPECT_EQ(ParsePaperCode(forged).status().code(), Code::kCorrupt);
}

TEST(PaperCodeTest, SplitsItemIds) {
  std::string case_id;
  int n = 0;
  ASSERT_TRUE(SplitItemId("20261123-WS01-0007-12", &case_id, &n));
  EXPECT_EQ(case_id, "20261123-WS01-0007");
  EXPECT_EQ(n, 12);
  EXPECT_FALSE(SplitItemId("20261123-WS01-0007-0", &case_id, &n));
  EXPECT_FALSE(SplitItemId("20261123-WS01-0007", &case_id, &n));
}

}  // namespace
}  // namespace intake::paper
