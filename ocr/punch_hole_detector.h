// Finds punch holes: solid, round, dark blobs 4–10 mm across, within 25 mm of the sheet's
// edge (the scanner lid shows through them). Cleanup paints them with the paper colour.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace intake::ocr {

struct PunchHole {
  cv::Point2f center;  // in the coordinates of the image searched
  float radius = 0;
};

// `small_gray`: reduced gray page (8-bit) at `px_per_mm`; `page_mask`: 255 = sheet (same
// size); `paper_level`: typical paper gray.
std::vector<PunchHole> FindPunchHoles(const cv::Mat& small_gray, const cv::Mat& page_mask,
                                      double px_per_mm, double paper_level);

}  // namespace intake::ocr
