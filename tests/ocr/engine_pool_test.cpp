// The pool on two workers: results come back in submission order, a failed page keeps its
// place, and the case folder gets the good pages, from which the searchable PDF is made in
// document order.
#include "ocr/engine_pool.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "ocr/document_pdf.h"
#include "ocr/tesseract_engine.h"
#include "tests/support/test_util.h"
#include "tools/page_renderer/page_renderer.h"

namespace intake::ocr {
namespace {

capture::ImageFilePage SmallPage(const std::string& line) {
  testpages::PageSpec spec;
  spec.lines = {line, line};
  spec.width_mm = 105;  // A6: quick to read, still a real page
  spec.height_mm = 148;
  spec.margin_mm = 12;
  Result<cv::Mat> m = testpages::RenderPage(spec);
  EXPECT_TRUE(m.ok());
  capture::ImageFilePage page;
  page.width = m->cols;
  page.height = m->rows;
  page.channels = 1;
  page.stride = static_cast<size_t>(m->step[0]);
  page.bytes.assign(m->data, m->data + page.stride * page.height);
  page.dpi_x = page.dpi_y = 300;
  return page;
}

TEST(EnginePoolTest, OrderedResultsFailuresAndPdf) {
  Result<std::filesystem::path> tessdata = FindTessdata();
  if (!tessdata.ok()) GTEST_SKIP() << tessdata.status().ToString();
  testing::TempDir dir;
  std::vector<std::string> order;
  std::vector<bool> ok;
  EnginePoolOptions options;
  options.workers = 2;
  options.processor.detect_orientation = false;
  auto pool = EnginePool::Create(options, [&](const PageLabel& label, Result<PageResult> r) {
    order.push_back(label.file);
    ok.push_back(r.ok());
  });
  ASSERT_OK(pool);
  const char* words[] = {"Перша сторінка заяви", "Друга сторінка заяви", "Третя сторінка"};
  const PageOutputs to_case{dir.path()};
  (*pool)->Submit(PageJob{SmallPage(words[0]), PageLabel{"p1", 1}, to_case});
  (*pool)->SubmitFailure(PageLabel{"p2", 2}, Corrupt("p2 did not decode"));
  (*pool)->Submit(PageJob{SmallPage(words[1]), PageLabel{"p3", 3}, to_case});
  (*pool)->Submit(PageJob{SmallPage(words[2]), PageLabel{"p4", 4}, to_case});
  (*pool)->Drain();
  EXPECT_EQ(order, (std::vector<std::string>{"p1", "p2", "p3", "p4"}));
  EXPECT_EQ(ok, (std::vector<bool>{true, false, true, true}));
  for (const char* stem : {"0001", "0003", "0004"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "ocr" / (std::string(stem) + ".hocr")));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "ocr" / "0002.hocr"));

  DocumentPdfRequest request;
  request.case_dir = dir.path();
  request.pages = {1, 3, 4};
  request.font = *tessdata / "pdf.ttf";
  request.title = "pool-test";
  ASSERT_OK(WriteDocumentPdf(request, dir.path() / "doc.pdf"));
  const auto txt = dir.path() / "doc.txt";
  const std::string cmd =
      "pdftotext -enc UTF-8 '" + (dir.path() / "doc.pdf").string() + "' '" + txt.string() + "'";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "pdftotext not available";
  Result<std::string> text = ReadFile(txt);
  ASSERT_OK(text);
  const size_t first = text->find("Перша"), second = text->find("Друга"),
               third = text->find("Третя");
  ASSERT_NE(first, std::string::npos) << *text;
  ASSERT_NE(second, std::string::npos) << *text;
  ASSERT_NE(third, std::string::npos) << *text;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

// Two workers share one OSD engine (engine_pool.cpp): pages turned every way, detected
// concurrently, each come back with its own turn.
TEST(EnginePoolTest, SharedOrientationDetectorFindsEachPagesTurn) {
  Result<std::filesystem::path> tessdata = FindTessdata();
  if (!tessdata.ok()) GTEST_SKIP() << tessdata.status().ToString();
  std::map<std::string, int> found;
  EnginePoolOptions options;
  options.workers = 2;
  auto pool = EnginePool::Create(options, [&](const PageLabel& label, Result<PageResult> r) {
    ASSERT_OK(r);
    found[label.file] = r->orientation_deg;
  });
  ASSERT_OK(pool);
  const int turns[] = {270, 0, 180, 90};
  for (int turn : turns) {
    testpages::PageSpec spec;
    spec.lines = {"Центр надання адміністративних послуг приймає заяви",
                  "про призначення допомоги малозабезпеченим сім'ям,",
                  "допомоги при народженні дитини та інших видів допомоги.",
                  "Документи передаються до органу соціального захисту",
                  "в електронній формі, а оригінали надсилаються згодом.",
                  "Прошу призначити зазначену допомогу з першого числа."};
    spec.width_mm = 148;
    spec.height_mm = 148;
    spec.margin_mm = 12;
    spec.rotation_deg = turn;
    Result<cv::Mat> m = testpages::RenderPage(spec);
    ASSERT_OK(m);
    capture::ImageFilePage page;
    page.width = m->cols;
    page.height = m->rows;
    page.channels = 1;
    page.stride = static_cast<size_t>(m->step[0]);
    page.bytes.assign(m->data, m->data + page.stride * page.height);
    page.dpi_x = page.dpi_y = 300;
    (*pool)->Submit(PageJob{std::move(page), PageLabel{"turn" + std::to_string(turn), 1}, {}});
  }
  (*pool)->Drain();
  ASSERT_EQ(found.size(), 4u);
  for (int turn : turns) EXPECT_EQ(found["turn" + std::to_string(turn)], turn);
}

}  // namespace
}  // namespace intake::ocr
