// OrientationDetector: finds whether a page was fed upright or turned by 90, 180 or 270
// degrees, with Tesseract's orientation and script detection (osd.traineddata).
//
// The page is looked at in reduced resolution: orientation needs letter shapes, not fine
// detail, and the reduction makes detection several times cheaper.
//
// Thread safety: Detect may be called from several threads; calls are serialised on one
// Tesseract engine (~30 MB), so the workers of a pool share one detector (engine_pool.h):
// detection is ~150 ms of a page's ~2 s.
#pragma once

#include <filesystem>
#include <memory>

#include "core/status.h"
#include "ocr/ocr_engine.h"

namespace intake::ocr {

struct OrientationResult {
  int ccw_deg = 0;          // the counter-clockwise turn the page was found in: 0/90/180/270
  float confidence = 0;     // Tesseract's OSD confidence (about 2 and above is dependable)
  bool reliable = false;    // enough text was found to decide; false: ccw_deg is 0
};

class OrientationDetector {
 public:
  // kNotFound (install tesseract-ocr-osd) when osd.traineddata is missing.
  static Result<std::unique_ptr<OrientationDetector>> Create(
      const std::filesystem::path& tessdata_dir);
  ~OrientationDetector();
  OrientationDetector(const OrientationDetector&) = delete;
  OrientationDetector& operator=(const OrientationDetector&) = delete;

  // Gray image (1 channel) expected; an RGB view is converted. A page with too little text
  // gives {0, 0, false} and OK.
  Result<OrientationResult> Detect(const ImageView& image);

 private:
  struct Impl;
  explicit OrientationDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Turning the page clockwise by ccw_deg undoes a counter-clockwise turn of ccw_deg.
// Pure helper for tests: what DetectOrientationScript's "clockwise rotation of the input"
// means in our counter-clockwise convention.
int CounterClockwiseFromTesseract(int tesseract_orient_deg);

}  // namespace intake::ocr
