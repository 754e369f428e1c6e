#include "tools/page_renderer/page_renderer.h"

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include <random>
#include <sstream>

namespace intake::testpages {

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

static cv::Mat Rotate(const cv::Mat& page, double deg) {
  cv::Point2f center(page.cols / 2.0f, page.rows / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(center, deg, 1.0);  // positive = counter-clockwise
  cv::Mat out;
  cv::warpAffine(page, out, m, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(255));
  return out;
}

static cv::Mat Turn(const cv::Mat& page, int rotation_deg) {
  cv::Mat out;
  switch (rotation_deg) {
    case 90: cv::rotate(page, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
    case 180: cv::rotate(page, out, cv::ROTATE_180); return out;
    case 270: cv::rotate(page, out, cv::ROTATE_90_CLOCKWISE); return out;
    default: return page;
  }
}

Result<cv::Mat> RenderPage(const PageSpec& spec) {
  if (spec.dpi < 50 || spec.dpi > 1200) return InvalidArgument("dpi out of range");
  if (spec.rotation_deg % 90 != 0) return InvalidArgument("rotation_deg must be a multiple of 90");
  const double px_per_mm = spec.dpi / 25.4;
  const int width = static_cast<int>(spec.width_mm * px_per_mm);
  const int height = static_cast<int>(spec.height_mm * px_per_mm);
  cv::Mat page;
  try {
    cv::Mat canvas(height, width, CV_8UC3, cv::Scalar(255, 255, 255));  // FreeType2 needs BGR
    cv::Ptr<cv::freetype::FreeType2> ft = cv::freetype::createFreeType2();
    ft->loadFontData(spec.font_path, 0);
    const int font_px = static_cast<int>(spec.font_pt / 72.0 * spec.dpi);
    const int line_px = static_cast<int>(font_px * 1.5);
    const int margin = static_cast<int>(spec.margin_mm * px_per_mm);
    int y = margin + font_px;
    for (const auto& line : spec.lines) {
      if (y > height - margin) break;
      if (!line.empty())
        ft->putText(canvas, line, cv::Point(margin, y), font_px, cv::Scalar(0, 0, 0), -1,
                    cv::LINE_AA, true);
      y += line_px;
    }
    cv::cvtColor(canvas, page, cv::COLOR_BGR2GRAY);
  } catch (const cv::Exception& e) {
    return InvalidArgument("cannot render with font " + spec.font_path + ": " + e.what());
  }
  if (spec.skew_deg != 0) page = Rotate(page, spec.skew_deg);
  page = Turn(page, spec.rotation_deg);
  if (spec.dark_border_px > 0) {
    const int b = spec.dark_border_px;
    cv::Scalar lid(35);
    cv::rectangle(page, cv::Rect(0, 0, page.cols, b), lid, cv::FILLED);
    cv::rectangle(page, cv::Rect(0, page.rows - b, page.cols, b), lid, cv::FILLED);
    cv::rectangle(page, cv::Rect(0, 0, b, page.rows), lid, cv::FILLED);
    cv::rectangle(page, cv::Rect(page.cols - b, 0, b, page.rows), lid, cv::FILLED);
  }
  std::mt19937 rng(spec.seed);
  if (spec.speckles > 0) {
    std::uniform_int_distribution<int> xs(0, page.cols - 1), ys(0, page.rows - 1), rs(1, 3);
    for (int i = 0; i < spec.speckles; ++i)
      cv::circle(page, cv::Point(xs(rng), ys(rng)), rs(rng), cv::Scalar(20), cv::FILLED);
  }
  if (spec.noise_sigma > 0) {
    cv::Mat noise(page.size(), CV_16SC1);
    cv::theRNG().state = spec.seed;
    cv::randn(noise, 0, spec.noise_sigma);
    cv::Mat wide;
    page.convertTo(wide, CV_16SC1);
    wide += noise;
    wide.convertTo(page, CV_8UC1);  // saturates to 0..255
  }
  return page;
}

}  // namespace intake::testpages
