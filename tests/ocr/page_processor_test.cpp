// Real Tesseract on rendered pages with known text. Few pages: CI has 2 cores.
#include "ocr/page_processor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "core/file_util.h"
#include "ocr/document_pdf.h"
#include "ocr/field_extractor.h"
#include "ocr/jpeg_writer.h"
#include "ocr/lookalike.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "tools/page_renderer/page_renderer.h"

namespace intake::ocr {
namespace {

using testing::TempDir;

const std::vector<std::string> kFormLines = {
    "ЗАЯВА",
    "про призначення допомоги малозабезпеченій сім'ї",
    "",
    "Прізвище: Коваленко",
    "Ім'я: Сергій",
    "По батькові: Іванович",
    "Дата народження: 27.06.1964",
    "РНОКПП: 2355454630",
    "Паспорт (ID-картка) №: 719247775",
    "Телефон: +380938622207",
    "IBAN: UA032768490591257397467191404",
    "",
    "Прошу призначити зазначену допомогу.",
    "",
    "Дата подання: 06.10.2026 Підпис ____________",
};

capture::ImageFilePage ToPage(const cv::Mat& gray) {
  capture::ImageFilePage page;
  page.width = gray.cols;
  page.height = gray.rows;
  page.channels = 1;
  page.stride = static_cast<size_t>(gray.cols);
  page.bytes.resize(page.stride * page.height);
  for (int y = 0; y < gray.rows; ++y) {
    std::copy(gray.ptr<uint8_t>(y), gray.ptr<uint8_t>(y) + gray.cols,
              page.bytes.begin() + static_cast<long>(y * page.stride));
  }
  page.dpi_x = page.dpi_y = 300;
  return page;
}

capture::ImageFilePage Render(const std::vector<std::string>& lines, double skew, int turn) {
  testpages::PageSpec spec;
  spec.lines = lines;
  spec.skew_deg = skew;
  spec.rotation_deg = turn;
  spec.dark_border_px = 40;
  spec.noise_sigma = 4;
  spec.seed = 11;
  Result<cv::Mat> image = testpages::RenderPage(spec);
  EXPECT_TRUE(image.ok()) << image.status().ToString();
  return ToPage(*image);
}

class PageProcessorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = PageProcessor::Create();
    if (!created.ok()) {
      skip_reason_ = new std::string(created.status().ToString());
      return;
    }
    processor_ = std::move(created).value().release();
  }
  static void TearDownTestSuite() {
    delete processor_;
    processor_ = nullptr;
  }
  void SetUp() override {
    if (processor_ == nullptr) GTEST_SKIP() << "Tesseract unavailable: " << *skip_reason_;
  }
  static PageProcessor* processor_;
  static std::string* skip_reason_;
};
PageProcessor* PageProcessorTest::processor_ = nullptr;
std::string* PageProcessorTest::skip_reason_ = nullptr;

TEST_F(PageProcessorTest, ReadsATurnedSkewedFormWithItsFields) {
  const capture::ImageFilePage page = Render(kFormLines, 1.5, 180);
  TempDir dir;
  PageOutputs outputs;
  outputs.case_dir = dir.path();
  Result<PageResult> r = processor_->Process(page, PageLabel{"form.png", 3}, outputs);
  ASSERT_OK(r);
  EXPECT_FALSE(r->blank);
  EXPECT_EQ(r->orientation_deg, 180);
  EXPECT_NEAR(r->skew_deg, 1.5, 0.3);
  EXPECT_NE(r->text.find("Коваленко"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("Прошу призначити"), std::string::npos) << r->text;
  EXPECT_GT(r->confidence, 80);
  // The signature blank, which Tesseract does not return, is put back (its length estimated).
  EXPECT_NE(r->text.find("Підпис ________"), std::string::npos) << r->text;
  // Each stage's CPU time is reported.
  EXPECT_GT(r->timing.cleanup_ms, 0);
  EXPECT_GT(r->timing.orientation_ms, 0);
  EXPECT_GT(r->timing.ocr_ms, 0);
  EXPECT_EQ(r->doc_type, "application_form");
  const FieldResult* rnokpp = FindField(*r, "rnokpp");
  ASSERT_NE(rnokpp, nullptr);
  EXPECT_EQ(rnokpp->value, "2355454630");
  EXPECT_TRUE(rnokpp->valid) << rnokpp->reason;
  const FieldResult* iban = FindField(*r, "iban");
  ASSERT_NE(iban, nullptr);
  EXPECT_EQ(iban->value, "UA032768490591257397467191404");
  const FieldResult* surname = FindField(*r, "surname");
  ASSERT_NE(surname, nullptr);
  EXPECT_EQ(surname->value, "Коваленко");
  // The case folder got the page's files, named after the label's page.
  for (const char* name : {"0003.txt", "0003.json", "0003.hocr"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "ocr" / name)) << name;
  }
  // A clean B/W form is kept as TIFF G4 (a page with tones would be JPEG).
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "ocr" / "0003.tif") ||
              std::filesystem::exists(dir.path() / "ocr" / "0003.jpg"));
  Result<std::string> json = ReadFile(dir.path() / "ocr" / "0003.json");
  ASSERT_OK(json);
  EXPECT_NE(json->find("\"orientation_deg\":180"), std::string::npos);
  EXPECT_NE(json->find("\"timing_ms\":{\"cleanup\":"), std::string::npos);
  Result<std::string> hocr = ReadFile(dir.path() / "ocr" / "0003.hocr");
  ASSERT_OK(hocr);
  EXPECT_NE(hocr->find("ocrx_word"), std::string::npos);
}

// No Debian model reads both scripts, so on a Ukrainian line the Cyrillic models read a Latin
// word in the nearest Cyrillic letters ("IBAN" -> "ІВАМ", "(ID-" -> "(І0-"); the Latin
// second look reads such words again with eng alone. Cyrillic words made of letters with
// Latin twins ("ТОВ", "АТ") must stay Cyrillic.
TEST_F(PageProcessorTest, LatinWordsOnCyrillicLinesAreReadInLatin) {
  const capture::ImageFilePage page =
      Render({"Паспорт (ID-картка) №: 719247775", "IBAN: UA032768490591257397467191404",
              "Рахунок IBAN відкрито в ТОВ «Сокіл» та АТ «Ощадбанк»",
              "Номер IBAN перевіряє працівник ЦНАП"},
             0.7, 0);
  TempDir dir;
  PageOutputs outputs;
  outputs.case_dir = dir.path();
  Result<PageResult> r = processor_->Process(page, PageLabel{"latin.png", 1}, outputs);
  ASSERT_OK(r);
  EXPECT_NE(r->text.find("(ID-картка)"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("IBAN: UA032768490591257397467191404"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("перевіряє"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("ІВАМ"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("ТОВ"), std::string::npos) << r->text;  // Cyrillic Т О В
  EXPECT_NE(r->text.find("АТ"), std::string::npos) << r->text;   // Cyrillic А Т
  // The case folder's hOCR carries the same reading as the text.
  Result<std::string> hocr = ReadFile(dir.path() / "ocr" / "0001.hocr");
  ASSERT_OK(hocr);
  EXPECT_NE(hocr->find(">IBAN<"), std::string::npos);
  EXPECT_EQ(hocr->find("ІВАМ"), std::string::npos);
}

// The default language data must be able to output "№" in a Ukrainian text: Debian's ukr and
// eng models cannot (ukr+eng reads it "Ме"/"Ne"); the Cyrillic script model can.
TEST_F(PageProcessorTest, ReadsNumeroSignAndLatinInCyrillicText) {
  const capture::ImageFilePage page =
      Render({"Квитанція № 7731, сума 250 грн", "Номер запису № 5 у реєстрі",
              "Рішення №15 від 01.02.2023", "Телефон: +380938622207"},
             0, 0);
  Result<PageResult> r = processor_->Process(page, PageLabel{"numero.png", 1});
  ASSERT_OK(r);
  EXPECT_NE(r->text.find("№"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("+380938622207"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("реєстрі"), std::string::npos) << r->text;
}

TEST_F(PageProcessorTest, SidewaysPageIsTurnedBack) {
  const capture::ImageFilePage page =
      Render({"Програмний комплекс дозволяє забезпечити прийом первинних документів",
              "громадян для призначення соціальної підтримки у територіальних громадах.",
              "Міністерство соціальної політики України впроваджує електронний",
              "документообіг для надання адміністративних послуг соціального характеру."},
             -0.8, 90);
  Result<PageResult> r = processor_->Process(page, PageLabel{"side.png", 1});
  ASSERT_OK(r);
  EXPECT_EQ(r->orientation_deg, 90);
  EXPECT_NE(r->text.find("Міністерство"), std::string::npos) << r->text;
}

TEST_F(PageProcessorTest, BlankPageIsFlaggedNotDropped) {
  const capture::ImageFilePage page = Render({""}, 0, 0);
  TempDir dir;
  PageOutputs outputs;
  outputs.case_dir = dir.path();
  Result<PageResult> r = processor_->Process(page, PageLabel{"blank.png", 1}, outputs);
  ASSERT_OK(r);
  EXPECT_TRUE(r->blank);
  EXPECT_TRUE(r->needs_review);
  EXPECT_TRUE(r->fields.empty());
  // Kept recoverable: the cleaned image and the JSON are in the case folder.
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "ocr" / "0001.json"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "ocr" / "0001.tif") ||
              std::filesystem::exists(dir.path() / "ocr" / "0001.jpg"));
}

TEST_F(PageProcessorTest, CorruptFileGivesAClearError) {
  TempDir dir;
  const auto path = dir.path() / "broken.jpg";
  std::ofstream(path) << "\xff\xd8\xff\xe0 this is not really a JPEG";
  Result<PageResult> r = processor_->ProcessFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("broken.jpg"), std::string::npos) << r.status().ToString();
}

// Mean gray of page `page` of `pdf` as poppler renders it (pdftoppm, 20 dpi); -1 on failure.
double RenderedMean(const std::filesystem::path& pdf, int page, const std::filesystem::path& dir) {
  const std::string base = (dir / ("render" + std::to_string(page))).string();
  const auto rendered = ::intake::testing::RunProgram(
      {"/usr/bin/pdftoppm", "-r", "20", "-gray", "-singlefile", "-f", std::to_string(page), "-l",
       std::to_string(page), pdf.string(), base},
      std::chrono::seconds(60));
  if (rendered.exit_code != 0) return -1;
  const cv::Mat image = cv::imread(base + ".pgm", cv::IMREAD_GRAYSCALE);
  return image.empty() ? -1 : cv::mean(image)[0];
}

// The e-case's searchable PDF of a document is made from the case folder after recognition:
// the stored cleaned images as they are (TIFF G4, JPEG) and the hOCR, which carries intake's
// corrections, so the PDF's text says "IBAN" where Tesseract's own renderer would say "ІВАМ".
TEST_F(PageProcessorTest, DocumentPdfFromTheCaseFolderHoldsTheCorrectedText) {
  TempDir dir;
  PageOutputs outputs;
  outputs.case_dir = dir.path();
  const capture::ImageFilePage form =
      Render({"Прізвище: Коваленко", "Паспорт (ID-картка) №: 719247775",
              "IBAN: UA032768490591257397467191404", "Рахунок IBAN відкрито в ТОВ «Сокіл»"},
             0.6, 0);
  ASSERT_OK(processor_->Process(form, PageLabel{"form.png", 1}, outputs));
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "ocr" / "0001.tif"));  // B/W: TIFF G4
  // Page 2: a gray page as a JPEG (a photo copy), with one word in its hOCR.
  cv::Mat photo(1100, 850, CV_8UC1, cv::Scalar(128));
  photo(cv::Rect(100, 100, 300, 200)).setTo(cv::Scalar(0));
  ASSERT_OK(WriteJpeg(dir.path() / "ocr" / "0002.jpg", photo, 100));
  ASSERT_OK(WriteFileAtomic(dir.path() / "ocr" / "0002.hocr",
                            "<div class='ocr_page' id='page_2' title='bbox 0 0 850 1100'>"
                            "<span class='ocrx_word' id='word_2_1' title='bbox 100 400 400 460; "
                            "x_wconf 90'>ФОТО&amp;копія</span></div>"));

  // Page 3: a colour page (an ID card copy) as a colour JPEG, with no words.
  cv::Mat card(600, 900, CV_8UC3, cv::Scalar(40, 90, 200));  // BGR
  ASSERT_OK(WriteJpeg(dir.path() / "ocr" / "0003.jpg", card, 150));
  ASSERT_OK(WriteFileAtomic(dir.path() / "ocr" / "0003.hocr", ""));

  const auto pdf = dir.path() / "documents" / "d1.pdf";
  DocumentPdfRequest request;
  request.case_dir = dir.path();
  request.pages = {1, 2, 3};
  request.font = processor_->tessdata_dir() / "pdf.ttf";
  request.title = "20261123-WS01-0001 d1";
  ASSERT_OK(WriteDocumentPdf(request, pdf));

  const auto info = ::intake::testing::RunProgram(
      {"/usr/bin/pdfinfo", "-f", "1", "-l", "2", pdf.string()}, std::chrono::seconds(60));
  if (!std::filesystem::exists("/usr/bin/pdfinfo")) GTEST_SKIP() << "poppler-utils not installed";
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("Pages:           3"), std::string::npos) << info.out;
  // Each page as large as its image at its dpi: 850 x 1100 px at 100 dpi is 612 x 792 pt.
  EXPECT_NE(info.out.find("Page    2 size:  612 x 792 pts"), std::string::npos) << info.out;

  const auto text = ::intake::testing::RunProgram(
      {"/usr/bin/pdftotext", "-enc", "UTF-8", pdf.string(), "-"}, std::chrono::seconds(60));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Коваленко"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("IBAN"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("(ID-картка)"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("ІВАМ"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ФОТО&копія"), std::string::npos) << text.out;

  // The images are shown as stored: a white form page (G4 not inverted) and the gray photo
  // page with its black block (mean (128 * 0.936 + 0 * 0.064) ~ 120).
  EXPECT_GT(RenderedMean(pdf, 1, dir.path()), 200);
  const double photo_mean = RenderedMean(pdf, 2, dir.path());
  EXPECT_NEAR(photo_mean, 120, 12);
  // Each stored image is embedded as it is: G4 as CCITT, the JPEGs as DCT, gray and colour.
  const auto images = ::intake::testing::RunProgram({"/usr/bin/pdfimages", "-list", pdf.string()},
                                                    std::chrono::seconds(60));
  ASSERT_EQ(images.exit_code, 0) << images.err;
  std::vector<std::string> kinds;  // "<color> <bpc> <enc>" per image, in page order
  std::istringstream rows(images.out);
  std::string row;
  while (std::getline(rows, row)) {
    std::istringstream cols(row);
    std::string page, num, type, width, height, color, comp, bpc, enc;
    if (!(cols >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc)) continue;
    if (type != "image") continue;
    kinds.push_back(color + " " + bpc + " " + enc);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"gray 1 ccitt", "gray 8 jpeg", "rgb 8 jpeg"}));
}

TEST(DocumentPdfTest, MissingOrDamagedPagesAreNamed) {
  TempDir dir;
  DocumentPdfRequest request;
  request.case_dir = dir.path();
  request.pages = {3};
  Result<std::filesystem::path> tessdata = FindTessdata();
  if (!tessdata.ok()) GTEST_SKIP() << tessdata.status().ToString();
  request.font = *tessdata / "pdf.ttf";
  Status missing = WriteDocumentPdf(request, dir.path() / "d.pdf");
  EXPECT_EQ(missing.code(), Code::kNotFound);
  EXPECT_NE(missing.message().find("page 3"), std::string::npos) << missing.ToString();
  ASSERT_OK(MakeDirectories(dir.path() / "ocr"));
  ASSERT_OK(WriteFileAtomic(dir.path() / "ocr" / "0003.jpg", "\xff\xd8 not a jpeg"));
  ASSERT_OK(WriteFileAtomic(dir.path() / "ocr" / "0003.hocr", ""));
  Status damaged = WriteDocumentPdf(request, dir.path() / "d.pdf");
  EXPECT_EQ(damaged.code(), Code::kCorrupt);
  EXPECT_NE(damaged.message().find("0003.jpg"), std::string::npos) << damaged.ToString();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "d.pdf"));
  request.pages = {};
  EXPECT_EQ(WriteDocumentPdf(request, dir.path() / "d.pdf").code(), Code::kInvalidArgument);
}

TEST(TesseractDataTest, MissingLanguagePackSaysWhatToInstall) {
  TempDir dir;  // an empty tessdata folder
  PageProcessorOptions options;
  options.tessdata_dir = dir.path();
  auto created = PageProcessor::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), Code::kNotFound);
  EXPECT_NE(created.status().message().find("tesseract-ocr-script-cyrl"), std::string::npos)
      << created.status().ToString();
}

}  // namespace
}  // namespace intake::ocr
