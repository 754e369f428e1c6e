// Code 128 on the cover sheet: the same checked payload as the QR, as a linear barcode that
// ZBar reads back on its own (the QR painted over), also after a scan's rotation and blur.
#include "paper/code128.h"

#include <gtest/gtest.h>

#include "paper/code_scanner.h"
#include "paper/cover_sheet.h"
#include "tests/paper/paper_test_util.h"
#include "tests/paper/scan_simulator.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::At;
using testing::SampleCase;

constexpr double kDpi = 200;
int Px(double mm) { return static_cast<int>(mm * kDpi / 25.4); }

TEST(Code128Test, SymbolLayoutAndRefusals) {
  auto widths = EncodeCode128("IC1:20261123-WS01-0001:1.2:0A1B2C3D");
  ASSERT_OK(widths);
  // start + 35 characters + check = 37 symbols of 11 modules, stop of 13.
  EXPECT_EQ(Code128Modules(*widths), 37 * 11 + 13);
  EXPECT_EQ(widths->size() % 2, 1u);  // starts and ends with a bar
  EXPECT_EQ(EncodeCode128("").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncodeCode128("Ш").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(EncodeCode128("a\nb").status().code(), Code::kInvalidArgument);
}

class CoverCode128Test : public ::testing::Test {
 protected:
  // The cover sheet as scanned, with the QR painted white: only the Code 128 can be read.
  cv::Mat CoverWithoutQr() {
    auto pdf = RenderCoverSheetPdf(SampleCase("20261123-WS01-0001", 3), DayOf(At()));
    EXPECT_OK(pdf);
    auto pages = testing::RenderPdf(pdf.ok() ? *pdf : std::string(), kDpi);
    EXPECT_EQ(pages.size(), 1u);
    if (pages.empty()) return {};
    return testing::Cover(pages[0], cv::Rect(Px(140), Px(8), Px(55), Px(56)), 255);
  }
  std::vector<PaperCode> Read(const cv::Mat& page, const std::string& name) {
    auto scanner = CodeScanner::Create();
    EXPECT_OK(scanner);
    auto scan = (*scanner)->ScanFile(testing::SavePng(page, dir_.path() / (name + ".png")));
    EXPECT_OK(scan);
    return scan.ok() ? scan->codes : std::vector<PaperCode>{};
  }
  ::intake::testing::TempDir dir_;
};

TEST_F(CoverCode128Test, ZbarReadsTheLinearCodeAlone) {
  cv::Mat page = CoverWithoutQr();
  ASSERT_FALSE(page.empty());
  auto codes = Read(page, "plain");
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].kind, PaperCode::Kind::kCoverSheet);
  EXPECT_EQ(codes[0].id, "20261123-WS01-0001");
  ASSERT_EQ(codes[0].cases.size(), 1u);
  EXPECT_EQ(codes[0].cases[0].item_numbers, (std::vector<int>{1, 2, 3}));
  // A scan a little crooked and soft still reads.
  auto crooked = Read(testing::Stain(testing::Rotate(page, 2), 5), "crooked");
  ASSERT_EQ(crooked.size(), 1u);
  EXPECT_EQ(crooked[0].id, "20261123-WS01-0001");
  // With the barcode painted over as well, nothing is read (the QR was the only other code).
  auto none = Read(testing::Cover(page, cv::Rect(Px(15), Px(72), Px(180), Px(13)), 255), "none");
  EXPECT_TRUE(none.empty());
}

TEST_F(CoverCode128Test, EveryPageOfALongCoverCarriesBothCodes) {
  auto pdf = RenderCoverSheetPdf(SampleCase("20261123-WS01-0004", 16), DayOf(At()));
  ASSERT_OK(pdf);
  auto pages = testing::RenderPdf(*pdf, kDpi);
  ASSERT_EQ(pages.size(), 2u);  // 15 rows per page
  for (size_t i = 0; i < pages.size(); ++i) {
    auto codes = Read(pages[i], "page" + std::to_string(i));
    ASSERT_EQ(codes.size(), 1u) << "page " << i;  // QR and Code 128 name the same case
    EXPECT_EQ(codes[0].id, "20261123-WS01-0004");
    EXPECT_EQ(codes[0].cases[0].item_numbers.size(), 16u);
  }
}

}  // namespace
}  // namespace intake::paper
