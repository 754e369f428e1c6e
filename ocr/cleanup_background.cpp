#include "ocr/cleanup_background.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace intake::ocr {

void NormalizeBackground(cv::Mat& gray, double px_per_mm) {
  const int factor = std::max(1, static_cast<int>(std::lround(px_per_mm / 1.5)));
  cv::Mat small;
  cv::resize(gray, small, cv::Size(std::max(1, gray.cols / factor), std::max(1, gray.rows / factor)),
             0, 0, cv::INTER_AREA);
  const double small_ppm = px_per_mm / factor;
  const int k = std::max(3, static_cast<int>(std::lround(4 * small_ppm)) | 1);
  cv::Mat background;
  cv::dilate(small, background, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  cv::blur(background, background, cv::Size(k, k), cv::Point(-1, -1), cv::BORDER_REPLICATE);
  double lo = 0, hi = 0;
  cv::minMaxLoc(background, &lo, &hi);
  if (hi < 1) return;  // an all-black page: nothing to normalize against
  if (hi - lo < 12) {
    // Even light: one gain brings the paper to white.
    gray.convertTo(gray, CV_8U, 255.0 / hi);
    return;
  }
  cv::max(background, 1, background);
  cv::Mat full;
  cv::resize(background, full, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::divide(gray, full, gray, 255.0);
}

}  // namespace intake::ocr
