// intake ocr: cleanup + OCR of image files, one result per page.
//
//   intake ocr [--json] [--words] [--pdf OUT.pdf] [--case DIR] [--jobs N] [--languages L]
//              [--no-latin-look] FILE...
//
// --json prints one JSON object per page per line (ocr/page_result.h lists the keys);
// without it, a header line per page and the text. --case writes each page's cleaned image,
// text, hOCR and JSON into DIR/ocr/ (pages numbered across the files in order). --pdf writes
// one searchable PDF of all pages read, in order, made from those files (ocr/document_pdf.h:
// the same maker as an e-case's documents); without --case they go to a work folder beside
// the PDF, removed at the end. Pages run in parallel on --jobs
// worker threads (default: one per core). --languages sets the Tesseract language string
// (default: PageProcessorOptions::languages), for comparing language data; --no-latin-look
// turns off the Latin second look (ocr/latin_second_look.h), to measure what it gives.
// A file that cannot be read gets one error line on stderr; the other files are still
// processed; the exit code is then 1. Exit 2: bad usage.
#include <unistd.h>

#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "apps/intake/command.h"
#include "capture/image_file_reader.h"
#include "core/file_util.h"
#include "ocr/document_pdf.h"
#include "ocr/engine_pool.h"
#include "ocr/page_result.h"
#include "ocr/tesseract_engine.h"

namespace intake::cli {
namespace {

// A folder removed, with what is in it, when this goes out of scope.
class WorkFolder {
 public:
  explicit WorkFolder(std::filesystem::path path) : path_(std::move(path)) {}
  ~WorkFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

constexpr const char* kUsage =
    "usage: intake ocr [--json] [--words] [--pdf OUT.pdf] [--case DIR] [--jobs N] "
    "[--languages L] [--no-latin-look] FILE...";

void PrintHuman(const ocr::PageResult& r) {
  std::cout << "== " << r.file << " page " << r.page << (r.blank ? " (blank)" : "") << " skew "
            << r.skew_deg << " turn " << r.orientation_deg << " conf " << r.confidence << " "
            << r.doc_type << (r.needs_review ? " REVIEW" : "") << "\n";
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
  // --pdf: the PDF is made from a case folder once every page is done; without --case, from
  // a work folder beside the PDF (0700: the pages are personal data), removed at the end.
  std::filesystem::path tessdata;
  std::unique_ptr<WorkFolder> work;
  std::filesystem::path pages_dir = case_dir;
  if (!pdf_path.empty()) {
    Result<std::filesystem::path> found = ocr::FindTessdata(options.processor.tessdata_dir);
    if (!found.ok()) return Fail("ocr", found.status().message());
    tessdata = *found;
    if (pages_dir.empty()) {
      const std::filesystem::path out(pdf_path);
      const std::filesystem::path parent = out.has_parent_path() ? out.parent_path() : ".";
      work = std::make_unique<WorkFolder>(
          parent / ("." + out.filename().string() + ".work-" + std::to_string(::getpid())));
      if (Status s = MakeDirectories(work->path(), 0700); !s.ok()) {
        return Fail("ocr", s.message());
      }
      pages_dir = work->path();
    }
  }

  // The callback runs on the pool's threads, in submission order; `mu` guards what it shares
  // with this thread.
  std::mutex mu;
  int failures = 0;
  std::deque<int> submitted;   // case folder numbers of the pages, in submission order
  std::vector<int> pdf_pages;  // those that were read, in order
  auto on_page = [&](const ocr::PageLabel& label, Result<ocr::PageResult> result) {
    std::lock_guard<std::mutex> lock(mu);
    const int number = submitted.empty() ? 0 : submitted.front();
    if (!submitted.empty()) submitted.pop_front();
    if (!result.ok()) {
      ++failures;
      std::cerr << "intake ocr: " << label.file << " page " << label.page << ": "
                << result.status().message() << "\n";
      return;
    }
    if (number > 0) pdf_pages.push_back(number);
    if (json) {
      std::cout << ocr::PageResultToJson(*result, words) << "\n" << std::flush;
    } else {
      PrintHuman(*result);
    }
  };
  Result<std::unique_ptr<ocr::EnginePool>> pool = ocr::EnginePool::Create(options, on_page);
  if (!pool.ok()) return Fail("ocr", pool.status().message());

  int case_page = 0;
  for (const auto& file : args) {
    auto reader = capture::ImageFileReader::Open(file);
    if (!reader.ok()) {
      std::lock_guard<std::mutex> lock(mu);
      ++failures;
      std::cerr << "intake ocr: " << reader.status().message() << "\n";
      continue;
    }
    for (int i = 0; i < (*reader)->page_count(); ++i) {
      ocr::PageLabel label{file, i + 1};
      ocr::PageOutputs outputs;
      outputs.case_dir = pages_dir;
      if (!pages_dir.empty()) ++case_page;
      if (!case_dir.empty()) label.page = case_page;  // --case: numbered across the files
      if (work) outputs.case_page = case_page;        // the work folder only: labels unchanged
      {
        std::lock_guard<std::mutex> lock(mu);
        submitted.push_back(pages_dir.empty() ? 0 : case_page);
      }
      Result<capture::ImageFilePage> page = (*reader)->ReadPage(i);
      if (!page.ok()) {
        (*pool)->SubmitFailure(label, page.status());
        continue;
      }
      (*pool)->Submit(ocr::PageJob{std::move(page).value(), label, outputs});
    }
  }
  (*pool)->Drain();
  if (!pdf_path.empty()) {
    if (pdf_pages.empty()) {
      ++failures;
      std::cerr << "intake ocr: no page could be read: the PDF " << pdf_path << " is not written\n";
    } else {
      ocr::DocumentPdfRequest request;
      request.case_dir = pages_dir;
      request.pages = pdf_pages;
      request.font = tessdata / "pdf.ttf";
      request.title = "intake scan";
      if (Status s = ocr::WriteDocumentPdf(request, pdf_path); !s.ok()) {
        ++failures;
        std::cerr << "intake ocr: " << s.message() << "\n";
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

const CommandRegistration kRegistration(
    "ocr", "clean and read image files (PNG, JPEG, TIFF, PDF): text, fields, searchable PDF",
    RunOcr);

}  // namespace
}  // namespace intake::cli
