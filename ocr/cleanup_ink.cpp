#include "ocr/cleanup_ink.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace intake::ocr {

double MinInkContrast(double paper_level) {
  // Bleed-through and pencil smudges sit within ~10–15% of the paper; print is far darker.
  return std::max(25.0, 0.15 * paper_level);
}

cv::Mat FindInk(const cv::Mat& gray, const cv::Mat& page_mask, double px_per_mm,
                double paper_level) {
  // A 6 mm window spans a few text lines: its mean is the local paper with some ink.
  int block = std::max(3, static_cast<int>(std::lround(6.0 * px_per_mm))) | 1;
  cv::Mat ink;
  cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                        MinInkContrast(paper_level));
  if (!page_mask.empty()) ink &= page_mask;
  return ink;
}

}  // namespace intake::ocr
