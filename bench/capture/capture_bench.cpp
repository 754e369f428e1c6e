// capture_bench: per-page capture overhead and peak memory across a long ADF batch.
//
//   capture_bench [--pages N] [--dpi D] [--rounds R] [--workdir DIR]
//
// One A4 gray page is rendered at D dpi and fed N times through the intaketest SANE backend
// (an in-memory sheet-fed scanner). Four runs, each in its own child process so peak RSS
// (ru_maxrss) is per run:
//   device   sane_start/sane_read into a scratch buffer, nothing written: the device's own time
//   intake   capture::ScanBatch: streaming PNM + page checks + synced commit per page
//   scanimage  `scanimage --batch` (sane-utils), the usual frontend, same device, same pages
//   scanimage + sync  the same, then `sync` of its page files (durable at the end of the batch)
// intake also samples its RSS after pages 10, N/2 and N to show memory stays flat.
#include <sane/sane.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "capture/batch_scanner.h"
#include "capture/page_store.h"
#include "capture/sane_config.h"
#include "capture/sane_session.h"
#include "capture/scanner.h"
#include "tools/page_renderer/page_renderer.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace intake::capture;

namespace {

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

struct RunResult {
  double seconds = 0;
  long max_rss_kb = 0;
  std::string extra;
};

// Runs fn in a child; fn writes its seconds (and extra text) to the pipe.
RunResult InChild(const std::function<std::string()>& fn) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string out = fn();
    (void)!write(fds[1], out.data(), out.size());
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  RunResult r;
  r.max_rss_kb = usage.ru_maxrss;
  size_t space = text.find(' ');
  r.seconds = text.empty() ? -1 : std::stod(text.substr(0, space));
  if (space != std::string::npos) r.extra = text.substr(space + 1);
  return r;
}

void ResetFeeder(const fs::path& script_dir) { std::ofstream(script_dir / "fed") << 0; }

std::string DeviceRun() {
  auto session = SaneSession::Open();
  if (!session.ok()) return "-1";
  SANE_Handle h = nullptr;
  if (sane_open("intaketest:0", &h) != SANE_STATUS_GOOD) return "-1";
  const char* source = "ADF Front";
  sane_control_option(h, 2, SANE_ACTION_SET_VALUE, const_cast<char*>(source), nullptr);
  std::vector<SANE_Byte> buf(64 * 1024);
  auto start = Clock::now();
  int pages = 0;
  while (sane_start(h) == SANE_STATUS_GOOD) {
    SANE_Int len = 0;
    while (sane_read(h, buf.data(), static_cast<SANE_Int>(buf.size()), &len) == SANE_STATUS_GOOD) {
    }
    ++pages;
  }
  sane_cancel(h);
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  sane_close(h);
  return std::to_string(s) + " pages=" + std::to_string(pages);
}

std::string IntakeRun(const fs::path& case_dir, int pages) {
  auto session = SaneSession::Open();
  if (!session.ok()) return "-1";
  auto scanner = Scanner::Open(**session, "intaketest:0", {{"source", "adf"}});
  if (!scanner.ok()) return "-1";
  auto store = PageStore::Open(case_dir);
  if (!store.ok()) return "-1";
  std::string samples;
  BatchOptions options;
  options.on_page = [&](const PageMetadata& p) {
    if (p.batch_page == 10 || p.batch_page == pages / 2 || p.batch_page == pages)
      samples += " rss@" + std::to_string(p.batch_page) + "=" + std::to_string(RssKb() / 1024) + "MB";
  };
  auto start = Clock::now();
  BatchResult r = (*scanner)->ScanBatch(*store, options);
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  return std::to_string(s) + " pages=" + std::to_string(r.pages.size()) + samples;
}

// scanimage leaves its pages in the page cache (written to the disk whenever the kernel
// likes); `synced` adds `sync FILE...` (fsync of every page) to its time: the same
// durability intake gives each page, though only once at the end of the batch.
std::string ScanimageRun(const fs::path& out_dir, bool synced) {
  fs::create_directories(out_dir);
  std::string cmd = "scanimage -d intaketest:0 --source 'ADF Front' --format=pnm --batch=" +
                    (out_dir / "p%04d.pnm").string() + " >/dev/null 2>&1";
  if (synced) cmd += " && sync " + (out_dir / "p*.pnm").string() + " " + out_dir.string();
  auto start = Clock::now();
  int rc = std::system(cmd.c_str());
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  int files = 0;
  for (const auto& e : fs::directory_iterator(out_dir)) files += e.is_regular_file();
  return std::to_string(s) + " pages=" + std::to_string(files) + " rc=" + std::to_string(rc);
}

}  // namespace

int main(int argc, char** argv) {
  int pages = 200, dpi = 300, rounds = 1;
  fs::path work = fs::temp_directory_path() / ("intake-capture-bench-" + std::to_string(getpid()));
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--pages") pages = std::stoi(argv[i + 1]);
    else if (a == "--dpi") dpi = std::stoi(argv[i + 1]);
    else if (a == "--rounds") rounds = std::max(1, std::stoi(argv[i + 1]));
    else if (a == "--workdir") work = argv[i + 1];
  }
  fs::create_directories(work / "intaketest");
  intake::testpages::PageSpec spec;
  spec.dpi = dpi;
  spec.noise_sigma = 4;
  spec.lines = {"Заява про призначення допомоги", "Прізвище, ім'я, по батькові: Іваненко Петро",
                "РНОКПП: 1234567890"};
  auto page = intake::testpages::RenderPage(spec);
  if (!page.ok()) {
    std::cerr << page.status().ToString() << "\n";
    return 1;
  }
  const fs::path sheet = work / "sheet.pnm";
  cv::imwrite(sheet.string(), *page);
  {
    std::ofstream script(work / "intaketest" / "script");
    for (int i = 0; i < pages; ++i) script << "page " << sheet.string() << "\n";
  }
  SaneConfig config;
  config.backends = {"intaketest"};
  config.backend_files["intaketest.conf"] = "script " + (work / "intaketest").string() + "\n";
  config.library_dirs = {INTAKE_BENCH_LIB_DIR};
  if (auto s = PrepareSaneConfigDir(work / "sane", config); !s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }
  const double page_mb = static_cast<double>(fs::file_size(sheet)) / (1 << 20);
  std::printf("capture_bench: %d pages, A4 gray %d dpi (%dx%d, %.1f MB each), intaketest backend\n",
              pages, dpi, page->cols, page->rows, page_mb);
  *page = cv::Mat();  // children start from the bench's baseline, not with a page in memory
  std::printf("bench process RSS before the runs: %.1f MB (each child starts from it)\n",
              RssKb() / 1024.0);

  // Each round runs all four, one after the other; the table shows each run's median over the
  // rounds (the machine is shared, so single runs swing by tens of percent).
  std::vector<std::vector<RunResult>> runs(4);
  for (int round = 0; round < rounds; ++round) {
    const std::vector<std::function<RunResult()>> kinds = {
        [&] { return InChild(DeviceRun); },
        [&] { return InChild([&] { return IntakeRun(work / "case", pages); }); },
        [&] { return InChild([&] { return ScanimageRun(work / "scanimage", false); }); },
        [&] { return InChild([&] { return ScanimageRun(work / "scanimage-synced", true); }); }};
    for (size_t k = 0; k < kinds.size(); ++k) {
      ResetFeeder(work / "intaketest");
      runs[k].push_back(kinds[k]());
      std::error_code ec;
      for (const char* d : {"case", "scanimage", "scanimage-synced"}) fs::remove_all(work / d, ec);
    }
  }
  auto median = [](std::vector<RunResult> r) {
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    RunResult m = r[r.size() / 2];
    for (const auto& x : r) m.max_rss_kb = std::max(m.max_rss_kb, x.max_rss_kb);
    return m;
  };
  const RunResult device = median(runs[0]), intake = median(runs[1]), scanimage = median(runs[2]),
                  scanimage_synced = median(runs[3]);
  if (rounds > 1) std::printf("medians of %d rounds\n", rounds);

  auto per_page = [&](const RunResult& r) { return r.seconds / pages * 1000; };
  std::printf("| run | total s | ms/page | overhead ms/page beyond device | peak RSS MB | notes |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | --- |\n");
  std::printf("| device (raw sane_read) | %.2f | %.1f | - | %.1f | %s |\n", device.seconds,
              per_page(device), device.max_rss_kb / 1024.0, device.extra.c_str());
  std::printf("| intake ScanBatch | %.2f | %.1f | %.1f | %.1f | %s |\n", intake.seconds,
              per_page(intake), per_page(intake) - per_page(device), intake.max_rss_kb / 1024.0,
              intake.extra.c_str());
  std::printf("| scanimage --batch | %.2f | %.1f | %.1f | %.1f | %s |\n", scanimage.seconds,
              per_page(scanimage), per_page(scanimage) - per_page(device),
              scanimage.max_rss_kb / 1024.0, scanimage.extra.c_str());
  std::printf("| scanimage --batch, then sync of its files | %.2f | %.1f | %.1f | %.1f | %s |\n",
              scanimage_synced.seconds, per_page(scanimage_synced),
              per_page(scanimage_synced) - per_page(device), scanimage_synced.max_rss_kb / 1024.0,
              scanimage_synced.extra.c_str());
  std::printf("intake/scanimage time ratio: %.2f; intake/(scanimage + sync): %.2f\n",
              intake.seconds / scanimage.seconds, intake.seconds / scanimage_synced.seconds);
  std::error_code ec;
  fs::remove_all(work, ec);
  return 0;
}
