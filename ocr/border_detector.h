// Finds the sheet of paper in a scan: everything dark that touches the image edge (scanner
// lid, background around a smaller sheet, deep edge shadows) is outside the page.
//
// Works on a reduced gray image (about 75 dpi). Text, lines and photos inside the sheet stay
// inside: the dark mask is opened with a kernel wider than any text stroke before the
// edge-connected parts are taken, and holes in the sheet are filled.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

struct PageRegion {
  cv::Mat mask;         // 8-bit, same size as the input, 255 = the sheet
  cv::Rect box;         // bounding box of `mask`
  double paper_level = 255;  // typical gray of the paper (a high percentile)
  double border_level = 255; // gray of the darkest image edge
  bool border_found = false; // some dark border was removed
};

// `small_gray`: 8-bit gray, at `px_per_mm` pixels per millimetre.
PageRegion FindPageRegion(const cv::Mat& small_gray, double px_per_mm);

// Paper level: the 90th percentile of gray values (robust to text and moderate borders).
double PaperLevel(const cv::Mat& gray, const cv::Mat& mask = cv::Mat());

}  // namespace intake::ocr
