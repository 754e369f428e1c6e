#include "ocr/binarizer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace intake::ocr {

// The threshold surface is smooth (a window mean and deviation), so it is computed on a copy
// reduced to about 150 dpi and enlarged again; only the final comparison runs at full
// resolution, block by block.
cv::Mat SauvolaBinarize(const cv::Mat& gray, double px_per_mm, const SauvolaOptions& options) {
  int factor = std::max(1, static_cast<int>(std::lround(px_per_mm / 6.0)));
  cv::Mat small = gray;
  if (factor > 1)
    cv::resize(gray, small, cv::Size(std::max(1, gray.cols / factor), std::max(1, gray.rows / factor)),
               0, 0, cv::INTER_AREA);
  const double small_ppm = px_per_mm / factor;
  const int window = std::max(3, static_cast<int>(std::lround(options.window_mm * small_ppm))) | 1;
  const cv::Size ksize(window, window);
  cv::Mat mean, sq_mean;
  cv::boxFilter(small, mean, CV_32F, ksize, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
  cv::sqrBoxFilter(small, sq_mean, CV_32F, ksize, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
  // T = m * (1 + k * (s / R - 1)), sampled every second reduced pixel: the window is ~20
  // reduced pixels wide, so the surface barely changes between samples.
  constexpr int kStep = 2;
  cv::Mat threshold((small.rows + kStep - 1) / kStep, (small.cols + kStep - 1) / kStep, CV_8U);
  const float k = static_cast<float>(options.k);
  const float inv_r = static_cast<float>(1.0 / options.dynamic_range);
  for (int ty = 0; ty < threshold.rows; ++ty) {
    const float* m = mean.ptr<float>(ty * kStep);
    const float* q = sq_mean.ptr<float>(ty * kStep);
    uchar* t = threshold.ptr<uchar>(ty);
    for (int tx = 0; tx < threshold.cols; ++tx) {
      const int x = tx * kStep;
      const float sd = std::sqrt(std::max(0.0f, q[x] - m[x] * m[x]));
      t[tx] = cv::saturate_cast<uchar>(m[x] * (1.0f + k * (sd * inv_r - 1.0f)));
    }
  }
  factor *= kStep;

  // Each threshold pixel serves a factor x factor block: one row of the threshold, widened by
  // repetition, is compared with `factor` page rows (no enlarged threshold image).
  cv::Mat out(gray.size(), CV_8U);
  cv::Mat wide_row(1, gray.cols, CV_8U);
  for (int ty = 0; ty * factor < gray.rows; ++ty) {
    const uchar* t = threshold.ptr<uchar>(std::min(ty, threshold.rows - 1));
    uchar* w = wide_row.ptr<uchar>(0);
    for (int x = 0; x < gray.cols; ++x) w[x] = t[std::min(x / factor, threshold.cols - 1)];
    for (int y = ty * factor; y < std::min(gray.rows, (ty + 1) * factor); ++y)
      cv::compare(gray.row(y), wide_row, out.row(y), cv::CMP_GT);  // paper (above T) = 255
  }
  return out;
}

}  // namespace intake::ocr
