// `intake ocr --pdf` through the real program: the PDF is made from a work folder of the
// pages (document_pdf.h), an unreadable file is reported without losing the others, and the
// work folder, which holds the pages' personal data, is gone afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/file_util.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "tools/page_renderer/page_renderer.h"

namespace intake::ocr {
namespace {

namespace fs = std::filesystem;

TEST(IntakeOcrCliTest, PdfOfThePagesReadWithTheCorrectedTextAndNoWorkFolderLeft) {
  const fs::path intake = ::intake::testing::BinaryDir() / "bin" / "intake";
  if (!fs::exists(intake)) GTEST_SKIP() << "the intake program is not built";
  if (!fs::exists("/usr/bin/pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  ::intake::testing::TempDir dir;
  testpages::PageSpec spec;
  spec.lines = {"Паспорт (ID-картка) №: 719247775", "IBAN: UA032768490591257397467191404",
                "Рахунок IBAN відкрито в ТОВ «Сокіл»"};
  spec.width_mm = 148;
  spec.height_mm = 105;
  Result<cv::Mat> image = testpages::RenderPage(spec);
  ASSERT_OK(image);
  const fs::path page = dir.path() / "form.png";
  ASSERT_TRUE(cv::imwrite(page.string(), *image));
  const fs::path out = dir.path() / "out" / "scan.pdf";
  ASSERT_OK(MakeDirectories(out.parent_path()));

  const auto run =
      ::intake::testing::RunProgram({intake.string(), "ocr", "--pdf", out.string(), page.string(),
                                     (dir.path() / "missing.png").string()},
                                    std::chrono::minutes(5));
  EXPECT_EQ(run.exit_code, 1) << run.err;  // one file could not be read
  EXPECT_NE(run.err.find("missing.png"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("form.png page 1"), std::string::npos) << run.out;
  ASSERT_TRUE(fs::exists(out)) << run.err;
  // Only the PDF is left beside it: the work folder is removed.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(out.parent_path())) ++entries;
  EXPECT_EQ(entries, 1);

  const auto text = ::intake::testing::RunProgram(
      {"/usr/bin/pdftotext", "-enc", "UTF-8", out.string(), "-"}, std::chrono::seconds(60));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("IBAN: UA032768490591257397467191404"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("(ID-картка)"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("ІВАМ"), std::string::npos) << text.out;
}

TEST(IntakeOcrCliTest, NoReadablePageWritesNoPdf) {
  const fs::path intake = ::intake::testing::BinaryDir() / "bin" / "intake";
  if (!fs::exists(intake)) GTEST_SKIP() << "the intake program is not built";
  ::intake::testing::TempDir dir;
  const fs::path broken = dir.path() / "broken.jpg";
  ASSERT_OK(WriteFileAtomic(broken, "\xff\xd8\xff\xe0 not really a JPEG"));
  const fs::path out = dir.path() / "scan.pdf";
  const auto run = ::intake::testing::RunProgram(
      {intake.string(), "ocr", "--pdf", out.string(), broken.string()}, std::chrono::minutes(2));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("the PDF"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(out));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);  // only broken.jpg: no work folder left behind
}

}  // namespace
}  // namespace intake::ocr
