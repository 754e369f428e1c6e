// The peers cleanup_bench compares with, on the same pages in the same run:
// Leptonica's skew finder (pixFindSkewSweepAndSearch on a 1-bit page, as pixDeskew and so
// OCRmyPDF --deskew use it) and the unpaper program (its deskew, detected angle from -v).
#pragma once

#include <opencv2/core.hpp>

#include <optional>
#include <string>

namespace intake::bench {

struct PeerSkew {
  std::optional<double> angle_deg;  // counter-clockwise positive, as our convention; none = failed
  double ms = 0;
};

// Leptonica: threshold 130 to 1 bit, sweep at 4x reduction over +-range_deg in 1° steps, binary
// search at 2x reduction down to 0.01° (pixDeskew's defaults use range 7°).
PeerSkew LeptonicaSkew(const cv::Mat& gray, double range_deg);

// unpaper with its default filters and --deskew-scan-range range_deg, on a PGM copy of `gray`.
// Returns no angle when unpaper is missing or fails.
PeerSkew UnpaperSkew(const cv::Mat& gray, double range_deg, const std::string& work_dir);

}  // namespace intake::bench
