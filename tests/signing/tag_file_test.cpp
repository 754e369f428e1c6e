#include "signing/tag_file.h"

#include <gtest/gtest.h>

#include "signing/bag_path.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

TEST(BagPathTest, RejectsEveryWayOut) {
  for (const char* bad : {"../x", "data/../../x", "/etc/passwd", "~/x", "~root/x", "data//x",
                          "\\.\\./x", "C:\\Windows", "\\\\?\\UNC\\x", "data/./x", "", "data/x/"}) {
    EXPECT_FALSE(CheckBagPath(bad).ok()) << bad;
  }
  for (const char* good : {"data/x", "data/~x", "data/a..b", "data/%7Ex", "bag-info.txt",
                           "data/довідка з КЕП.pdf"}) {
    EXPECT_OK(CheckBagPath(good));
  }
}

TEST(BagPathTest, PercentEncodingRoundTripsOnlyTheThreeCharacters) {
  EXPECT_EQ(EncodeManifestPath("a%b\nc\rd"), "a%25b%0Ac%0Dd");
  EXPECT_EQ(DecodeManifestPath("a%25b%0ac%0Dd%7E%"), "a%b\nc\rd%7E%");
}

TEST(TagFileTest, BagDeclarationIsStrict) {
  ASSERT_OK(ParseBagDeclaration("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
  Result<BagDeclaration> crlf =
      ParseBagDeclaration("BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-8");
  ASSERT_OK(crlf);
  EXPECT_EQ(crlf->minor, 97);
  EXPECT_FALSE(ParseBagDeclaration("\xEF\xBB\xBF" "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").ok());
  EXPECT_FALSE(ParseBagDeclaration("BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n").ok());
  EXPECT_FALSE(ParseBagDeclaration("BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n").ok());
  EXPECT_FALSE(ParseBagDeclaration("BagIt-Version: 1.0\n").ok());
}

TEST(TagFileTest, BagInfoFoldsContinuationsAndKeepsRepeats) {
  Result<std::vector<TagField>> f =
      ParseBagInfo("A: 1\nLong: first\n   second\nA : 2\r\n\nB:3");
  ASSERT_OK(f);
  ASSERT_EQ(f->size(), 4u);
  EXPECT_EQ((*f)[1], (TagField{"Long", "first second"}));
  EXPECT_EQ((*f)[2], (TagField{"A", "2"}));
  EXPECT_EQ((*f)[3], (TagField{"B", "3"}));
  EXPECT_FALSE(ParseBagInfo("  orphan continuation\n").ok());
  EXPECT_FALSE(ParseBagInfo("no colon here\n").ok());
}

TEST(TagFileTest, ManifestLinesAndTheirQuirks) {
  const std::string md5(32, 'a');
  Result<std::vector<ManifestEntry>> m = ParseManifest(
      md5 + "  data/a b.txt\n" + md5 + " *data/x\n" + md5 + "\t./data/y\n\n" + md5 +
          " data/p%25q%0Ar\n",
      32, /*percent_decode=*/true);
  ASSERT_OK(m);
  ASSERT_EQ(m->size(), 4u);
  EXPECT_EQ((*m)[0].path, "data/a b.txt");
  EXPECT_TRUE((*m)[1].had_binary_star);
  EXPECT_EQ((*m)[1].path, "data/x");
  EXPECT_TRUE((*m)[2].had_dot_slash);
  EXPECT_EQ((*m)[3].path, "data/p%q\nr");
  EXPECT_FALSE(ParseManifest("abc data/x\n", 32, true).ok());
  EXPECT_FALSE(ParseManifest(md5 + "\n", 32, true).ok());
  EXPECT_FALSE(ParseManifest(std::string(32, 'z') + " data/x\n", 32, true).ok());
}

TEST(TagFileTest, DecodesLatin1AndUtf16) {
  Result<std::string> latin = DecodeTagFile("Caf\xe9", "ISO-8859-1");
  ASSERT_OK(latin);
  EXPECT_EQ(*latin, "Caf\xc3\xa9");
  Result<std::string> utf16 = DecodeTagFile(std::string("\xff\xfe" "A\0:\0", 6), "UTF-16");
  ASSERT_OK(utf16);
  EXPECT_EQ(*utf16, "A:");
  EXPECT_FALSE(DecodeTagFile("x", "NO-SUCH-ENCODING").ok());
}

}  // namespace
}  // namespace intake::signing
