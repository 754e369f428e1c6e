// Cover-sheet codes on damaged pixels: still read when the damage is repairable, reported as
// unreadable when it is not — never read as another case.
#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgproc.hpp>

#include "paper/code_scanner.h"
#include "paper/cover_sheet.h"
#include "paper/pdf_canvas.h"
#include "tests/paper/paper_test_util.h"
#include "tests/paper/scan_simulator.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::Px;

constexpr double kDpi = 200;
const std::string kCase = "20261123-WS01-0042";

GrayImage ToGray(const cv::Mat& m) {
  GrayImage g{m.cols, m.rows, {}};
  cv::Mat c = m.isContinuous() ? m : m.clone();
  g.pixels.assign(c.data, c.data + c.total());
  return g;
}

class CodeDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scanner = CodeScanner::Create();
    ASSERT_OK(scanner);
    scanner_ = std::move(*scanner);
    auto intake = testing::SampleCase(kCase, 3);
    auto pdf = RenderCoverSheetPdf(intake, DayOf(testing::At()));
    ASSERT_OK(pdf);
    auto pages = testing::RenderPdf(*pdf, kDpi);
    ASSERT_EQ(pages.size(), 1u);
    page_ = pages[0];
    auto qr = EncodeQr(EncodeCoverCode(CoverItemsOf(intake)));
    ASSERT_OK(qr);
    // The QR square as drawn by the cover sheet: (145 mm, 12 mm), 45 mm with a 4-module margin.
    double module_mm = 45.0 / (qr->size + 8);
    module_px_ = module_mm * kDpi / 25.4;
    symbol_ = cv::Rect(Px(145 + 4 * module_mm, kDpi), Px(12 + 4 * module_mm, kDpi),
                       Px(qr->size * module_mm, kDpi), Px(qr->size * module_mm, kDpi));
    // A webcam-like crop around the code keeps the heavy-damage loop fast.
    crop_ = cv::Rect(symbol_.x - Px(15, kDpi), symbol_.y - Px(8, kDpi),
                     symbol_.width + Px(25, kDpi), symbol_.height + Px(20, kDpi)) &
            cv::Rect(0, 0, page_.cols, page_.rows);
  }

  // The case ids read from the image.
  PageScan Read(const cv::Mat& image) {
    auto scan = scanner_->Scan(ToGray(image));
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    return scan.ok() ? *scan : PageScan{};
  }

  std::unique_ptr<CodeScanner> scanner_;
  cv::Mat page_;
  cv::Rect symbol_, crop_;
  double module_px_ = 0;
};

TEST_F(CodeDamageTest, RepairableDamageStillReads) {
  struct Variant {
    const char* name;
    cv::Mat image;
  };
  cv::Rect bar(symbol_.x + symbol_.width * 9 / 20, symbol_.y + symbol_.height / 3, symbol_.width / 12,
               symbol_.height * 2 / 3);
  cv::Mat low_res;
  cv::resize(page_, low_res, cv::Size(), 0.5, 0.5, cv::INTER_AREA);  // a 100 dpi scan
  std::vector<Variant> variants = {
      {"as printed", page_},
      {"rotated 90", testing::Rotate(page_, 90)},
      {"upside down", testing::Rotate(page_, 180)},
      {"rotated 270", testing::Rotate(page_, 270)},
      {"skewed 5 degrees", testing::Rotate(page_, 5)},
      {"skewed -12 degrees", testing::Rotate(page_, -12)},
      {"perspective", testing::Skew(page_, 0.08)},
      {"stroke of ink across the code", testing::Cover(page_, bar, 0)},
      {"paper scrap over a corner", testing::Cover(page_, cv::Rect(symbol_.x + symbol_.width * 2 / 3, symbol_.y + symbol_.height * 2 / 3, symbol_.width / 3, symbol_.height / 3), 255)},
      {"stained and noisy", testing::Stain(page_, 3)},
      {"JPEG quality 25", testing::JpegRoundTrip(page_, 25)},
      {"100 dpi", low_res},
      {"blotted modules", testing::FlipModules(page_, symbol_, module_px_, 12, 5)},
  };
  for (const auto& v : variants) {
    PageScan scan = Read(v.image);
    ASSERT_EQ(scan.codes.size(), 1u) << v.name;
    EXPECT_EQ(scan.codes[0].id, kCase) << v.name;
    EXPECT_EQ(scan.codes[0].cases[0].item_numbers, (std::vector<int>{1, 2, 3})) << v.name;
  }
}

TEST_F(CodeDamageTest, DamageBeyondRepairIsUnreadableNeverAnotherCase) {
  cv::Mat crop = page_(crop_).clone();
  cv::Rect symbol(symbol_.x - crop_.x, symbol_.y - crop_.y, symbol_.width, symbol_.height);
  int read = 0, unreadable = 0;
  for (int trial = 0; trial < 40; ++trial) {
    cv::Mat damaged;
    if (trial % 2 == 0) {
      // Blots on 1%..20% of the modules (random module errors hit many codewords at once).
      int modules = static_cast<int>(symbol.width / module_px_);
      int count = modules * modules * (1 + trial / 2) / 100;
      damaged = testing::FlipModules(crop, symbol, module_px_, count, 1000 + trial);
    } else {
      // A growing scrap of paper or ink over the bottom-right corner (no finder pattern there):
      // 10%..48% of the code's side.
      int w = symbol.width * (10 + trial) / 100;
      damaged = testing::Cover(crop, cv::Rect(symbol.x + symbol.width - w, symbol.y + symbol.height - w, w, w),
                               trial % 4 == 1 ? 255 : 0);
    }
    PageScan scan = Read(damaged);
    for (const auto& code : scan.codes) {
      ASSERT_EQ(code.id, kCase) << "trial " << trial << " misread as another case";
    }
    scan.codes.empty() ? ++unreadable : ++read;
  }
  RecordProperty("read", read);
  RecordProperty("unreadable", unreadable);
  // The damage range must include both outcomes, or the test proves nothing.
  EXPECT_GT(read, 0);
  EXPECT_GT(unreadable, 0);
}

TEST_F(CodeDamageTest, ForgedOrMisprintedLabelIsReportedUnreadable) {
  // A code whose case id was altered after the check was computed (or misprinted).
  std::string good = EncodeCoverCode({kCase, {1, 2, 3}});
  std::string forged = good;
  forged.replace(forged.find("0042"), 4, "0043");
  auto qr = EncodeQr(forged);
  ASSERT_OK(qr);
  auto canvas = PdfCanvas::Create("forged");
  ASSERT_OK(canvas);
  (*canvas)->Qr(*qr, 40, 40, 60);
  auto pdf = (*canvas)->Finish();
  ASSERT_OK(pdf);
  auto pages = testing::RenderPdf(*pdf, 150);
  ASSERT_EQ(pages.size(), 1u);
  PageScan scan = Read(pages[0]);
  EXPECT_TRUE(scan.codes.empty());
  EXPECT_EQ(scan.unreadable, 1);
}

TEST_F(CodeDamageTest, ImageFileErrorsAreNamed) {
  ::intake::testing::TempDir dir;
  EXPECT_EQ(scanner_->ScanFile(dir.path() / "none.png").status().code(), Code::kNotFound);
  std::ofstream(dir.path() / "bad.png") << "not an image";
  EXPECT_EQ(scanner_->ScanFile(dir.path() / "bad.png").status().code(), Code::kCorrupt);
}

}  // namespace
}  // namespace intake::paper
