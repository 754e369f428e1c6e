#include "ocr/cleanup_tone.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace intake::ocr {
namespace {

constexpr int kMinChroma = 40;
constexpr double kMinColourMm2 = 10;
constexpr double kMinPhotoMm2 = 300;

}  // namespace

ToneAnalysis AnalyzeTone(const cv::Mat& small_gray, const cv::Mat& small_bgr,
                         const cv::Mat& page_mask, double px_per_mm, double paper_level) {
  ToneAnalysis tone;
  const double page_px = std::max(1, cv::countNonZero(page_mask));
  const double mm2_per_px = 1.0 / (px_per_mm * px_per_mm);

  if (!small_bgr.empty()) {
    int colour_px = 0;
    for (int y = 0; y < small_bgr.rows; ++y) {
      const cv::Vec3b* p = small_bgr.ptr<cv::Vec3b>(y);
      const uchar* m = page_mask.ptr<uchar>(y);
      for (int x = 0; x < small_bgr.cols; ++x) {
        if (!m[x]) continue;
        const int hi = std::max({p[x][0], p[x][1], p[x][2]});
        const int lo = std::min({p[x][0], p[x][1], p[x][2]});
        if (hi - lo > kMinChroma && hi > 60) ++colour_px;
      }
    }
    tone.colour_fraction = colour_px / page_px;
    tone.is_colour = colour_px * mm2_per_px >= kMinColourMm2;
  }

  cv::Mat mid = (small_gray > 0.25 * paper_level) & (small_gray < 0.75 * paper_level);
  mid &= page_mask;
  cv::morphologyEx(mid, mid, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  const int photo_px = cv::countNonZero(mid);
  tone.photo_fraction = photo_px / page_px;
  tone.keep_tone = tone.is_colour || photo_px * mm2_per_px >= kMinPhotoMm2;
  return tone;
}

}  // namespace intake::ocr
