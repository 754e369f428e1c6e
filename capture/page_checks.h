// Per-page checks done while the applicant is still at the desk: a page flagged here is shown
// to the operator for a rescan, never dropped.
//
//  - too_long:        longer than the profile expects (double feed, folded page)
//  - nearly_blank:    nothing on the page stands out from the background
//  - too_dark:        the background itself is dark (lid open, wrong exposure)
//  - too_light:       the content is faint (weak toner, exposure too high)
//  - low_resolution:  the device delivered fewer dpi than asked
//
// Thresholds are on the luminance histogram gathered while streaming (page_stats.h).
//
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "capture/frame_reader.h"
#include "capture/page_store.h"

namespace intake::capture {

struct PageExpectations {
  double max_length_mm = 0;   // 0: no length check. A4 = 297; allow some slack yourself.
  double asked_dpi = 0;       // 0: no resolution check
  // Contrast = background level (median) minus the level of the darkest `ink_fraction` of
  // the pixels. Below blank_contrast a page is nearly blank; below faint_contrast (but above
  // blank) its content is too faint. A sparse page (a title, a signature) still has well over
  // 0.05% ink pixels; sensor noise stays within a few levels of the background.
  double ink_fraction = 0.0005;
  int blank_contrast = 40;
  int faint_contrast = 110;
  int dark_background = 110;  // background (median) level below which the page is too dark
};

// `dpi` is the vertical resolution the page was scanned at (0 = unknown: no length check).
std::vector<PageCheck> CheckPage(const PageImage& page, double dpi,
                                 const PageExpectations& expect);

}  // namespace intake::capture
