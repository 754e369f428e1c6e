// intake-render-page: renders a scanned-looking page from a UTF-8 text file.
// usage: intake-render-page --text FILE --out IMAGE [--skew DEG] [--rotate 0|90|180|270]
//                           [--border PX] [--noise SIGMA] [--speckles N] [--seed N] [--font TTF]
// The output format follows the extension (.pnm/.pgm, .png, .jpg, .tif).
#include <opencv2/imgcodecs.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

#include "core/file_util.h"
#include "tools/page_renderer/page_renderer.h"

int main(int argc, char** argv) {
  using namespace intake;
  testpages::PageSpec spec;
  std::string text_path, out_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--text") text_path = value;
    else if (flag == "--out") out_path = value;
    else if (flag == "--skew") spec.skew_deg = std::atof(value.c_str());
    else if (flag == "--rotate") spec.rotation_deg = std::atoi(value.c_str());
    else if (flag == "--border") spec.dark_border_px = std::atoi(value.c_str());
    else if (flag == "--noise") spec.noise_sigma = std::atof(value.c_str());
    else if (flag == "--speckles") spec.speckles = std::atoi(value.c_str());
    else if (flag == "--seed") spec.seed = static_cast<unsigned>(std::atoi(value.c_str()));
    else if (flag == "--font") spec.font_path = value;
    else {
      std::cerr << "intake-render-page: unknown option " << flag << "\n";
      return 2;
    }
  }
  if (text_path.empty() || out_path.empty()) {
    std::cerr << "usage: intake-render-page --text FILE --out IMAGE [options]\n";
    return 2;
  }
  auto text = ReadFile(text_path);
  if (!text.ok()) {
    std::cerr << "intake-render-page: " << text.status().ToString() << "\n";
    return 1;
  }
  spec.lines = testpages::SplitLines(*text);
  auto page = testpages::RenderPage(spec);
  if (!page.ok()) {
    std::cerr << "intake-render-page: " << page.status().ToString() << "\n";
    return 1;
  }
  if (!cv::imwrite(out_path, *page)) {
    std::cerr << "intake-render-page: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}
