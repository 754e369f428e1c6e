#include "core/request_token.h"

#include "tests/support/test_util.h"

namespace intake {
namespace {

TEST(RequestTokenTest, FreshTokensAreLongAndDiffer) {
  auto a = NewRequestToken();
  auto b = NewRequestToken();
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ(a->size(), 32u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
}

TEST(RequestTokenTest, ComparesWholeNonEmptyTokens) {
  EXPECT_TRUE(SameRequestToken("ab", "ab"));
  EXPECT_FALSE(SameRequestToken("", ""));
  EXPECT_FALSE(SameRequestToken("ab", "ac"));
  EXPECT_FALSE(SameRequestToken("ab", "abc"));
}

}  // namespace
}  // namespace intake
