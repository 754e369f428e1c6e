// Ink mask of a reduced page: pixels clearly darker than their surroundings.
//
// A local mean threshold with a fixed minimum contrast, so uneven light, edge shadows,
// bleed-through from the back of the sheet and sensor noise are not ink, while printed or
// written text is. Used for skew estimation and the blank-page decision.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

// `gray`: 8-bit, at `px_per_mm`. `page_mask` (same size, 255 = sheet) limits the result; may
// be empty. `paper_level`: typical paper gray. Returns 8-bit, 255 = ink.
cv::Mat FindInk(const cv::Mat& gray, const cv::Mat& page_mask, double px_per_mm,
                double paper_level);

// The minimum local contrast (gray levels) FindInk requires on paper of `paper_level`.
double MinInkContrast(double paper_level);

}  // namespace intake::ocr
