// Whether a page must keep its tones: photos, stamps, coloured print or large gray areas are
// lost by binarization, so such pages are stored as gray or colour JPEG instead of B/W G4.
//
// Colour: pixels with clearly saturated colour (max - min channel above 40 levels, not near
// black) covering at least 10 mm². Photo: mid-tone areas (between 25% and 75% of the paper
// level) that survive an opening wider than text strokes, covering at least 300 mm².
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

struct ToneAnalysis {
  bool keep_tone = false;
  bool is_colour = false;
  double colour_fraction = 0;  // of the sheet's area
  double photo_fraction = 0;   // of the sheet's area
};

// `small_gray` and `small_bgr` (may be empty for gray input) at `px_per_mm`, same size;
// `page_mask`: 255 = sheet.
ToneAnalysis AnalyzeTone(const cv::Mat& small_gray, const cv::Mat& small_bgr,
                         const cv::Mat& page_mask, double px_per_mm, double paper_level);

}  // namespace intake::ocr
