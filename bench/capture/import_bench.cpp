// Import throughput: pages per second for a 20-page scan delivered as a file (B/W G4 TIFF,
// gray TIFF, scan-to-PDF with JPEG pages), intake vs poppler's own pdftoppm, same run, same
// machine. Peak RSS is measured per run (VmHWM after resetting it) to show memory stays at
// one page, not the whole file.
//
//   decode     ImageFileReader, every page decoded, nothing written
//   import     FolderImporter into a case PageStore (decode + PNG + fsync + JSON + move)
//   pdftoppm   `pdftoppm -r 300 -gray` (PGM files) and `-png -gray`, as a subprocess
//
// usage: capture_import_bench [--pages N] [--dpi D] [--pdf-decode-only]
//   --pdf-decode-only: only the PDF decode against pdftoppm -gray (PGM), twice each,
//   alternating (the full table takes tens of minutes: pdftoppm -png is very slow).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "capture/folder_import_page_store.h"
#include "capture/folder_importer.h"
#include "capture/image_file_reader.h"
#include "capture/page_store.h"
#include "tests/capture/image_file_test_files.h"
#include "tools/page_renderer/page_renderer.h"

namespace {

namespace fs = std::filesystem;
namespace files = intake::testing::files;
using Clock = std::chrono::steady_clock;

void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

double ChildrenPeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss / 1024.0;
}

struct Row {
  std::string run, input;
  int pages;
  double seconds, rss_mb;
};

void PrintRow(const Row& r) {
  std::printf("| %-22s | %-26s | %5d | %7.2f | %7.1f | %6.0f |\n", r.run.c_str(),
              r.input.c_str(), r.pages, r.seconds, r.pages / r.seconds, r.rss_mb);
}

Row Decode(const fs::path& path, const std::string& input) {
  ResetPeakRss();
  const auto start = Clock::now();
  int pages = 0;
  intake::Status s = intake::capture::ForEachImageFilePage(
      path, {}, [&](const intake::capture::ImageFilePage&, int) {
        ++pages;
        return intake::Status::Ok();
      });
  if (!s.ok()) std::fprintf(stderr, "decode failed: %s\n", s.ToString().c_str());
  return {"intake decode", input, pages,
          std::chrono::duration<double>(Clock::now() - start).count(), PeakRssMb()};
}

Row Import(const fs::path& work, const fs::path& path, const std::string& input) {
  const fs::path inbox = work / ("inbox-" + path.stem().string());
  const fs::path case_dir = work / ("case-" + path.stem().string());
  fs::create_directories(inbox);
  fs::copy_file(path, inbox / path.filename(), fs::copy_options::overwrite_existing);
  ResetPeakRss();
  const auto start = Clock::now();
  auto store = intake::capture::PageStore::Open(case_dir);
  intake::capture::PageStoreSink sink(*store, "file:bench");
  auto importer = intake::capture::FolderImporter::Open({inbox, {}}, sink);
  int pages = 0;
  if (importer.ok()) {
    auto outcome = (*importer)->ImportFile(path.filename().string(), true);
    if (outcome.ok()) pages = outcome->pages_stored;
    else std::fprintf(stderr, "import failed: %s\n", outcome.status().ToString().c_str());
  }
  return {"intake import (PNG)", input, pages,
          std::chrono::duration<double>(Clock::now() - start).count(), PeakRssMb()};
}

Row Pdftoppm(const fs::path& work, const fs::path& pdf, bool png, int pages) {
  const fs::path out = work / (png ? "ppm-png" : "ppm-pgm");
  fs::create_directories(out);
  const auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (png) {
      execlp("pdftoppm", "pdftoppm", "-r", "300", "-gray", "-png", pdf.c_str(),
             (out / "p").c_str(), nullptr);
    } else {
      execlp("pdftoppm", "pdftoppm", "-r", "300", "-gray", pdf.c_str(), (out / "p").c_str(),
             nullptr);
    }
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::fprintf(stderr, "pdftoppm failed\n");
  return {png ? "pdftoppm -gray -png" : "pdftoppm -gray (PGM)", "PDF, JPEG pages", pages,
          seconds, ChildrenPeakRssMb()};
}

}  // namespace

int main(int argc, char** argv) {
  int page_count = 20, dpi = 300;
  bool pdf_decode_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--pdf-decode-only") pdf_decode_only = true;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--pages") page_count = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--dpi") dpi = std::atoi(argv[i + 1]);
  }
  const fs::path work = fs::temp_directory_path() / ("intake-import-bench-" + std::to_string(getpid()));
  fs::create_directories(work);

  // Four distinct rendered pages, cycled: A4 at `dpi`, text with noise and a slight skew.
  std::vector<cv::Mat> distinct;
  for (int i = 0; i < 4; ++i) {
    intake::testpages::PageSpec spec;
    spec.dpi = dpi;
    for (int l = 0; l < 40; ++l) {
      spec.lines.push_back("Заява про призначення допомоги, рядок " + std::to_string(l + 1) +
                           ": Прізвище, ім'я, по батькові, РНОКПП, IBAN UA" +
                           std::to_string(100000 + 37 * l + i));
    }
    spec.skew_deg = 0.6 * i;
    spec.noise_sigma = 5;
    spec.seed = 11 + i;
    auto page = intake::testpages::RenderPage(spec);
    if (!page.ok()) {
      std::fprintf(stderr, "render failed: %s\n", page.status().ToString().c_str());
      return 1;
    }
    distinct.push_back(*page);
  }
  std::vector<cv::Mat> pages;
  for (int i = 0; i < page_count; ++i) pages.push_back(distinct[i % distinct.size()]);
  const fs::path g4 = work / "batch-g4.tif", gray = work / "batch-gray.tif", pdf = work / "batch.pdf";
  files::WriteTiff(g4, pages, dpi, /*bilevel=*/true);
  files::WriteTiff(gray, pages, dpi, /*bilevel=*/false);
  files::WriteBytes(pdf, files::PdfOfJpegs(pages, dpi));
  pages.clear();

  std::printf("%d pages, A4 %d dpi gray (%dx%d); files: G4 TIFF %.1f MB, gray TIFF %.1f MB, "
              "PDF %.1f MB; PDF rendered at 300 dpi\n\n",
              page_count, dpi, distinct[0].cols, distinct[0].rows, fs::file_size(g4) / 1e6,
              fs::file_size(gray) / 1e6, fs::file_size(pdf) / 1e6);
  std::printf("| run                    | input                      | pages | seconds | pages/s | peak RSS MB |\n");
  std::printf("|---|---|---:|---:|---:|---:|\n");
  distinct.clear();
  if (pdf_decode_only) {
    std::vector<Row> rows;
    for (int round = 0; round < 2; ++round) {
      rows.push_back(Decode(pdf, "PDF, JPEG pages"));
      rows.push_back(Pdftoppm(work, pdf, false, page_count));
    }
    for (const Row& r : rows) PrintRow(r);
    double ours = 0, peer = 0;
    for (size_t i = 0; i < rows.size(); i += 2) {
      ours += rows[i].seconds;
      peer += rows[i + 1].seconds;
    }
    std::printf("\nPDF decode / pdftoppm -gray (PGM), pages/s over both rounds: %.2fx\n",
                peer / ours);
    fs::remove_all(work);
    return 0;
  }
  std::vector<Row> rows = {
      Decode(g4, "TIFF G4 (B/W)"),
      Decode(gray, "TIFF gray deflate"),
      Decode(pdf, "PDF, JPEG pages"),
      Import(work, g4, "TIFF G4 (B/W)"),
      Import(work, gray, "TIFF gray deflate"),
      Import(work, pdf, "PDF, JPEG pages"),
  };
  rows.push_back(Pdftoppm(work, pdf, false, page_count));
  rows.push_back(Pdftoppm(work, pdf, true, page_count));
  for (const Row& r : rows) PrintRow(r);
  const double ours = rows[2].pages / rows[2].seconds, peer = rows[6].pages / rows[6].seconds;
  const double ours_png = rows[5].pages / rows[5].seconds, peer_png = rows[7].pages / rows[7].seconds;
  std::printf("\nPDF decode / pdftoppm PGM: %.2fx pages/s; PDF import (PNG) / pdftoppm -png: %.2fx\n",
              ours / peer, ours_png / peer_png);
  fs::remove_all(work);
  return 0;
}
