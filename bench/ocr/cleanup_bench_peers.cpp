#include "bench/ocr/cleanup_bench_peers.h"

#include <leptonica/allheaders.h>
#include <opencv2/imgcodecs.hpp>

#include <sys/resource.h>
#include <sys/time.h>

#include <ctime>
#include <cstdio>
#include <memory>
#include <regex>
#include <string>

namespace intake::bench {
namespace {

// CPU time, like CleanPage's timing: the machine may be shared, wall time would measure the
// neighbours.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double ChildrenCpuMs() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct PipeCloser {
  void operator()(FILE* f) const { pclose(f); }
};

PixPtr ToPix(const cv::Mat& gray) {
  PixPtr pix(pixCreate(gray.cols, gray.rows, 8));
  if (!pix) return nullptr;
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
    for (int x = 0; x < gray.cols; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

}  // namespace

PeerSkew LeptonicaSkew(const cv::Mat& gray, double range_deg) {
  PeerSkew result;
  PixPtr pix = ToPix(gray);
  if (!pix) return result;
  const double start = ThreadCpuMs();  // threshold + find, as pixDeskew does; not the copy-in
  PixPtr binary(pixConvertTo1(pix.get(), 130));
  l_float32 angle = 0, conf = 0;
  const bool ok = binary && pixFindSkewSweepAndSearch(binary.get(), &angle, &conf, 4, 2,
                                                      static_cast<l_float32>(range_deg), 1.0f,
                                                      0.01f) == 0;
  result.ms = ThreadCpuMs() - start;
  // Leptonica returns the angle to rotate by to deskew, clockwise positive in image
  // coordinates; that is the content's counter-clockwise skew (checked on rendered pages).
  if (ok && conf > 0) result.angle_deg = angle;
  return result;
}

PeerSkew UnpaperSkew(const cv::Mat& gray, double range_deg, const std::string& work_dir) {
  PeerSkew result;
  const std::string in = work_dir + "/unpaper_in.pgm", out = work_dir + "/unpaper_out.pgm";
  if (!cv::imwrite(in, gray)) return result;
  std::remove(out.c_str());
  const std::string command = "unpaper -v --overwrite --deskew-scan-range " +
                              std::to_string(range_deg) + " " + in + " " + out + " 2>&1";
  const double start = ChildrenCpuMs();
  std::unique_ptr<FILE, PipeCloser> pipe(popen(command.c_str(), "r"));
  if (!pipe) return result;
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) output.append(buffer, n);
  const int rc = pclose(pipe.release());  // reaps unpaper: its CPU time is now counted
  result.ms = ChildrenCpuMs() - start;
  std::smatch m;
  static const std::regex kAverage(R"(rotation average: (-?[0-9.]+))");
  if (rc == 0 && std::regex_search(output, m, kAverage)) {
    // unpaper prints radians; its sign is clockwise positive (checked on rendered pages).
    result.angle_deg = -std::stod(m[1]) * 180.0 / 3.14159265358979323846;
  } else if (rc == 0) {
    result.angle_deg = 0;  // no rotation detected
  }
  return result;
}

}  // namespace intake::bench
