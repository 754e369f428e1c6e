// PNM pages (what the PageStore writes) read back through ImageFileReader.
#include <fstream>

#include "capture/image_file_reader.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

fs::path Write(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

TEST(ImageFilePnmTest, GrayRgbAndLineartDecode) {
  testing::TempDir dir;
  // 2x1 gray with a comment, 16-bit gray, 1x1 RGB, 9x1 lineart (padded to 2 bytes).
  auto gray = Write(dir.path(), "g.pnm", std::string("P5\n# scan\n2 1\n255\n") + '\x00' + '\xff');
  auto gray16 = Write(dir.path(), "g16.pnm",
                      std::string("P5 2 1 65535\n") + '\xff' + '\xff' + '\x00' + '\x00');
  auto rgb = Write(dir.path(), "c.pnm", std::string("P6 1 1 255\n") + '\x10' + '\x20' + '\x30');
  auto bw = Write(dir.path(), "b.pnm", std::string("P4 9 1\n") + '\x80' + '\x80');

  auto r = ImageFileReader::Open(gray, {});
  ASSERT_OK(r);
  EXPECT_EQ((*r)->format(), ImageFileFormat::kPnm);
  auto p = (*r)->ReadPage(0);
  ASSERT_OK(p);
  EXPECT_EQ(p->width, 2);
  EXPECT_EQ(p->bytes, (std::vector<uint8_t>{0, 255}));

  auto p16 = (*ImageFileReader::Open(gray16, {}))->ReadPage(0);
  ASSERT_OK(p16);
  EXPECT_EQ(p16->bytes, (std::vector<uint8_t>{255, 0}));
  EXPECT_EQ(p16->source_bits, 16);

  auto pc = (*ImageFileReader::Open(rgb, {}))->ReadPage(0);
  ASSERT_OK(pc);
  EXPECT_EQ(pc->channels, 3);
  EXPECT_EQ(pc->bytes, (std::vector<uint8_t>{0x10, 0x20, 0x30}));

  auto pb = (*ImageFileReader::Open(bw, {}))->ReadPage(0);
  ASSERT_OK(pb);
  ASSERT_EQ(pb->width, 9);
  EXPECT_EQ(pb->bytes[0], 0);    // first bit set = black
  EXPECT_EQ(pb->bytes[1], 255);
  EXPECT_EQ(pb->bytes[8], 0);    // ninth pixel from the second byte
}

TEST(ImageFilePnmTest, TruncatedPageSaysItEndsEarly) {
  testing::TempDir dir;
  auto cut = Write(dir.path(), "cut.pnm", std::string("P5 4 4 255\n") + "abc");
  auto r = ImageFileReader::Open(cut, {});
  ASSERT_OK(r);
  auto page = (*r)->ReadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kCorrupt);
  EXPECT_TRUE(IsIncompleteFileError(page.status())) << page.status().ToString();
}

}  // namespace
}  // namespace intake::capture
