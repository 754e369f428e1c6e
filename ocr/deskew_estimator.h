// Skew angle of a page from its ink, by projection profiles of text lines.
//
// For each candidate angle the ink pixels are projected onto the line normal and binned; the
// score is the sum of squared differences of adjacent bins (Postl / Baird / Leptonica's
// "differential square sum"), which peaks when text lines fall into few bins. The search is
// coarse to fine: a sweep at half resolution over the whole range, then 0.1° and 0.02° steps
// around the best, then a parabola through the best three scores.
//
// Both line directions are searched, so a page turned by 90° or 270° gives its skew too (the
// angle is found modulo 90°). Internal header of the ocr library.
//
// Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

struct SkewEstimate {
  // The angle the content was rotated by, degrees, counter-clockwise positive (x right, y
  // down, as displayed), in [-max_deg, max_deg]. Undo it by rotating by -angle_deg.
  double angle_deg = 0;
  // Best score / median score of the coarse sweep; ~1 means no line structure at all.
  double confidence = 0;
  bool vertical = false;  // text lines run top-to-bottom (page turned 90° or 270°)
  int ink_points = 0;     // ink pixels used
};

struct SkewSearchOptions {
  double max_deg = 25;
  double coarse_step_deg = 0.5;
  // At most this many ink points are projected in the coarse sweep (an even subsample).
  int max_coarse_points = 12000;
  int max_fine_points = 60000;  // likewise for the fine steps
};

// `ink` is 8-bit, non-zero = ink (text strokes). Best at 100–200 dpi. Returns confidence 0
// when there are too few ink pixels to say anything.
SkewEstimate EstimateSkew(const cv::Mat& ink, const SkewSearchOptions& options = {});

}  // namespace intake::ocr
