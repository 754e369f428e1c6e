// Adaptive binarization of a gray page for OCR and for B/W (TIFF G4) output.
//
// Sauvola's local threshold T = m * (1 + k * (s / R - 1)) over a square window (mean m,
// standard deviation s), computed with box filters so the cost does not depend on the window.
// Uneven light and smooth edge shadows come out white; text keeps its strokes.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

struct SauvolaOptions {
  double window_mm = 3.5;  // about two text line heights at 10–12 pt
  double k = 0.34;
  double dynamic_range = 128;  // R
};

// `gray`: 8-bit, 1 channel, at `px_per_mm`. Returns 8-bit, 0 = ink, 255 = paper.
cv::Mat SauvolaBinarize(const cv::Mat& gray, double px_per_mm, const SauvolaOptions& options = {});

}  // namespace intake::ocr
