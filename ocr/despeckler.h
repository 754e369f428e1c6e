// Removes specks from a binary page: dust, sensor noise and toner dots that are not text.
//
// A piece of ink is removed when it is small (at most `isolated_max_mm` across) and isolated:
// no larger ink within `isolation_mm`. Dots of i, ї, й, punctuation and diacritics sit next to
// letters and are kept. Near text, only dust is removed: a piece alone in a ~0.33 mm cell
// with at most a quarter of it inked.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

struct DespeckleOptions {
  double isolated_max_mm = 0.6;
  double isolation_mm = 2.0;
};

// `binary`: 8-bit, 0 = ink, 255 = paper; changed in place. Returns how many pieces were removed.
int Despeckle(cv::Mat& binary, double px_per_mm, const DespeckleOptions& options = {});

}  // namespace intake::ocr
