// ocr_page_bench: where a page's time goes in intake's recognition pipeline, on one core.
//
//   ocr_page_bench [--repeat N] [--no-osd] [--dump DIR] FILE...
//
// One PageProcessor (the engines a pool worker holds), every page processed in turn on this
// thread; prints per page the CPU milliseconds of each stage (cleanup, orientation, OCR,
// fields) and the wall time, then the means and the process's peak RSS. Run it with
// OMP_THREAD_LIMIT=1 (as `intake ocr` does) so Tesseract's CPU time is one core's.
// --dump DIR also writes each page's cleaned gray and binary images (DIR/<name>.gray.png,
// .bin.png), to try Tesseract settings on them with the tesseract CLI, and prints the
// cleanup's own timing split; --dump - only prints the timing.
// The peer comparison is bench/ocr/ocr_vs_ocrmypdf.py; this tool finds what to make faster.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "capture/image_file_reader.h"
#include "capture/image_file_reader_cv.h"
#include "ocr/cleanup.h"
#include "ocr/page_processor.h"

namespace {

struct Totals {
  double cleanup = 0, orientation = 0, ocr = 0, fields = 0, wall = 0;
  int pages = 0;
};

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

void Dump(const std::string& file, const std::filesystem::path& dir) {
  auto reader = intake::capture::ImageFileReader::Open(file);
  if (!reader.ok()) return;
  auto page = (*reader)->ReadPage(0);
  if (!page.ok()) return;
  intake::ocr::CleanupOptions options;
  options.dpi = page->dpi_x > 0 ? page->dpi_x : 300;
  auto cleaned = intake::ocr::CleanPage(intake::capture::ImageFilePageToMat(*page), options);
  if (!cleaned.ok()) return;
  std::printf("%s cleanup CPU ms: analysis %.0f warp %.0f binarize %.0f total %.0f\n",
              file.c_str(), cleaned->timing.analysis_ms, cleaned->timing.warp_ms,
              cleaned->timing.binarize_ms, cleaned->timing.total_ms);
  if (dir == "-") return;
  const std::string stem = (dir / std::filesystem::path(file).stem()).string();
  cv::imwrite(stem + ".gray.png", cleaned->gray);
  cv::imwrite(stem + ".bin.png", cleaned->binary);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  std::vector<std::string> files;
  std::filesystem::path dump_dir;
  intake::ocr::PageProcessorOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (arg == "--no-osd") {
      options.detect_orientation = false;
    } else if (arg == "--dump" && i + 1 < argc) {
      dump_dir = argv[++i];
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: ocr_page_bench [--repeat N] [--no-osd] [--dump DIR] FILE...\n");
    return 2;
  }
  if (!dump_dir.empty()) {
    for (const std::string& file : files) Dump(file, dump_dir);
    return 0;
  }
  auto processor = intake::ocr::PageProcessor::Create(options);
  if (!processor.ok()) {
    std::fprintf(stderr, "ocr_page_bench: %s\n", processor.status().message().c_str());
    return 1;
  }
  std::printf("| page | cleanup ms | orientation ms | OCR ms | fields ms | wall ms | turn | OSD conf | conf |\n"
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  Totals totals;
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& file : files) {
      auto result = (*processor)->ProcessFile(file);
      if (!result.ok()) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(), result.status().message().c_str());
        continue;
      }
      const auto& t = result->timing;
      std::printf("| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %.1f | %.1f |\n",
                  std::filesystem::path(file).filename().c_str(), t.cleanup_ms,
                  t.orientation_ms, t.ocr_ms, t.fields_ms, result->seconds * 1e3,
                  result->orientation_deg, result->orientation_confidence, result->confidence);
      std::fflush(stdout);
      totals.cleanup += t.cleanup_ms;
      totals.orientation += t.orientation_ms;
      totals.ocr += t.ocr_ms;
      totals.fields += t.fields_ms;
      totals.wall += result->seconds * 1e3;
      ++totals.pages;
    }
  }
  if (totals.pages == 0) return 1;
  const double n = totals.pages;
  std::printf("| mean (%d pages) | %.0f | %.0f | %.0f | %.0f | %.0f | | | |\n", totals.pages,
              totals.cleanup / n, totals.orientation / n, totals.ocr / n, totals.fields / n,
              totals.wall / n);
  std::printf("peak RSS: %.0f MB\n", PeakRssMb());
  return 0;
}
