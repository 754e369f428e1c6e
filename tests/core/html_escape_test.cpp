#include "core/html_escape.h"

#include <gtest/gtest.h>

namespace intake {
namespace {

TEST(HtmlEscapeTest, EscapesTheFiveMarkupCharactersOnly) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Ім'я & IBAN</a>"),
            "&lt;a href=&quot;x&quot;&gt;Ім&#39;я &amp; IBAN&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("ЗАЯВА №5"), "ЗАЯВА №5");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace intake
