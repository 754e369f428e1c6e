// intake ocr: cleanup + OCR of image files, one result per page.
//
//   intake ocr [--json] [--words] [--pdf OUT.pdf] [--case DIR] [--jobs N] [--languages L]
//              [--no-latin-look] FILE...
//
// --json prints one JSON object per page per line (ocr/page_result.h lists the keys);
// without it, a header line per page and the text. --pdf writes one searchable PDF of all
// pages, in order. --case writes each page's cleaned image, text, hOCR and JSON into
// DIR/ocr/ (pages numbered across the files in order). Pages run in parallel on --jobs
// worker threads (default: one per core). --languages sets the Tesseract language string
// (default: PageProcessorOptions::languages), for comparing language data; --no-latin-look
// turns off the Latin second look (ocr/latin_second_look.h), to measure what it gives.
// A file that cannot be read gets one error line on stderr; the other files are still
// processed; the exit code is then 1. Exit 2: bad usage.
#include <iostream>
#include <memory>
#include <string>

#include "apps/intake/command.h"
#include "capture/image_file_reader.h"
#include "ocr/engine_pool.h"
#include "ocr/page_result.h"
#include "ocr/searchable_pdf.h"
#include "ocr/tesseract_engine.h"

namespace intake::cli {
namespace {

constexpr const char* kUsage =
    "usage: intake ocr [--json] [--words] [--pdf OUT.pdf] [--case DIR] [--jobs N] "
    "[--languages L] [--no-latin-look] FILE...";

void PrintHuman(const ocr::PageResult& r) {
  std::cout << "== " << r.file << " page " << r.page << (r.blank ? " (blank)" : "")
            << " skew " << r.skew_deg << " turn " << r.orientation_deg << " conf "
            << r.confidence << " " << r.doc_type << (r.needs_review ? " REVIEW" : "") << "\n";
  for (const auto& f : r.fields) {
    std::cout << "  " << f.name << " = " << f.value << (f.valid ? "" : "  [" + f.reason + "]")
              << "\n";
  }
  std::cout << r.text << "\n";
}

int RunOcr(const Args& in) {
  Args args = in;
  const bool json = TakeFlag(args, "--json");
  const bool words = TakeFlag(args, "--words");
  const bool no_latin_look = TakeFlag(args, "--no-latin-look");
  std::string pdf_path, case_dir, jobs_text, languages;
  TakeOption(args, "--pdf", &pdf_path);
  TakeOption(args, "--languages", &languages);
  TakeOption(args, "--case", &case_dir);
  TakeOption(args, "--jobs", &jobs_text);
  for (const auto& a : args) {
    if (a.size() > 1 && a[0] == '-') return Fail("ocr", "unknown option " + a + "\n" + kUsage, 2);
  }
  if (args.empty()) return Fail("ocr", kUsage, 2);
  int jobs = 0;
  if (!jobs_text.empty()) {
    try {
      jobs = std::stoi(jobs_text);
    } catch (...) {
      return Fail("ocr", "--jobs takes a number", 2);
    }
  }
  // One engine per core: OpenMP inside Tesseract must not add threads (engine_pool.h).
  if (Status s = ocr::EnsureSingleThreadedOpenMP(); !s.ok()) {
    std::cerr << "intake ocr: warning: " << s.message() << "\n";
  }

  ocr::EnginePoolOptions options;
  options.workers = jobs;
  options.processor.want_words = words;
  if (!languages.empty()) options.processor.languages = languages;
  options.processor.latin_second_look = !no_latin_look;
  int failures = 0;
  auto on_page = [&](const ocr::PageLabel& label, Result<ocr::PageResult> result) {
    if (!result.ok()) {
      ++failures;
      std::cerr << "intake ocr: " << label.file << " page " << label.page << ": "
                << result.status().message() << "\n";
      return;
    }
    if (json) {
      std::cout << ocr::PageResultToJson(*result, words) << "\n" << std::flush;
    } else {
      PrintHuman(*result);
    }
  };
  Result<std::unique_ptr<ocr::EnginePool>> pool = ocr::EnginePool::Create(options, on_page);
  if (!pool.ok()) return Fail("ocr", pool.status().message());

  std::unique_ptr<ocr::SearchablePdf> pdf;
  if (!pdf_path.empty()) {
    Result<std::filesystem::path> tessdata = ocr::FindTessdata(options.processor.tessdata_dir);
    if (!tessdata.ok()) return Fail("ocr", tessdata.status().message());
    auto created = ocr::SearchablePdf::Create(pdf_path, *tessdata, "intake scan");
    if (!created.ok()) return Fail("ocr", created.status().message());
    pdf = std::move(created).value();
  }

  int case_page = 0;
  for (const auto& file : args) {
    auto reader = capture::ImageFileReader::Open(file);
    if (!reader.ok()) {
      ++failures;
      std::cerr << "intake ocr: " << reader.status().message() << "\n";
      continue;
    }
    for (int i = 0; i < (*reader)->page_count(); ++i) {
      ocr::PageLabel label{file, i + 1};
      ocr::PageOutputs outputs;
      outputs.pdf = pdf.get();
      if (!case_dir.empty()) {
        outputs.case_dir = case_dir;
        label.page = ++case_page;
      }
      Result<capture::ImageFilePage> page = (*reader)->ReadPage(i);
      if (!page.ok()) {
        (*pool)->SubmitFailure(label, page.status(), pdf.get());
        continue;
      }
      (*pool)->Submit(ocr::PageJob{std::move(page).value(), label, outputs});
    }
  }
  (*pool)->Drain();
  if (pdf) {
    if (pdf->page_count() == 0) {
      ++failures;
      std::cerr << "intake ocr: no page could be read: the PDF " << pdf_path << " is not written\n";
    } else if (Status s = pdf->Finish(); !s.ok()) {
      ++failures;
      std::cerr << "intake ocr: " << s.message() << "\n";
    }
  }
  return failures == 0 ? 0 : 1;
}

const CommandRegistration kRegistration(
    "ocr", "clean and read image files (PNG, JPEG, TIFF, PDF): text, fields, searchable PDF",
    RunOcr);

}  // namespace
}  // namespace intake::cli
