// Background normalization: flattens uneven light, edge shadows and tinted paper to white.
//
// The background is estimated on a ~1.5 px/mm copy (a 4 mm maximum filter removes text, a
// box blur smooths), then each pixel is divided by it. When the background is already even
// (its spread below 12 gray levels) only a global gain to white is applied, which is cheap.
// Not for pages with photos: a photo larger than the filter would be flattened too.
// Internal header of the ocr library. Thread safety: pure function.
#pragma once

#include <opencv2/core.hpp>

namespace intake::ocr {

// `gray`: 8-bit, 1 channel, at `px_per_mm`; changed in place.
void NormalizeBackground(cv::Mat& gray, double px_per_mm);

}  // namespace intake::ocr
