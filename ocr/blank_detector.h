// Blank page decision from the ink of a reduced, border-free page.
//
// Counts text-like marks: connected ink pieces of character size (1.2–20 mm high: from the
// x-height of 8 pt print up, so specks and dust do not count; at most 60 mm wide), not long
// thin streaks (scanner lines, fold shadows), not solid round blobs (punch holes), centred
// inside the sheet's outer kEdgeMarginMm (5% of the shorter side on small sheets such as
// receipts and cards) where imprinter codes, printer marks and lid or hole shadows live
// (document standards such as ДСТУ 4163 keep text at least 10 mm from the edge), and with a
// clearly dark core, so faint marks and bleed-through from the back do not count. A page with
// fewer than kMinTextMarks such marks is blank; a few short lines of text give dozens.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

inline constexpr int kMinTextMarks = 6;
inline constexpr double kEdgeMarginMm = 10;
inline constexpr int kEnoughTextMarks = 200;  // counting stops here (clearly not blank)

struct BlankDecision {
  bool blank = true;
  int text_marks = 0;    // text-like marks counted, at most kEnoughTextMarks
  int other_marks = 0;   // ink pieces rejected (specks, streaks, holes, edge marks, faint)
};

// `ink`: 8-bit, 255 = ink (see FindInk). `gray`: the same page, 8-bit. `page_box`: the sheet
// inside both images. `paper_level`: typical paper gray.
BlankDecision DecideBlank(const cv::Mat& ink, const cv::Mat& gray, const cv::Rect& page_box,
                          double px_per_mm, double paper_level);

}  // namespace intake::ocr
