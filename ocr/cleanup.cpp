#include "ocr/cleanup.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "ocr/binarizer.h"
#include "ocr/blank_detector.h"
#include "ocr/border_detector.h"
#include "ocr/cleanup_background.h"
#include "ocr/cleanup_ink.h"
#include "ocr/cleanup_tone.h"
#include "ocr/deskew_estimator.h"
#include "ocr/despeckler.h"
#include "ocr/punch_hole_detector.h"

namespace intake::ocr {
namespace {

// CPU time of the calling thread: the cost of a page on one core, unaffected by other work
// sharing the machine (the pipeline runs one page per core).
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
};

double MsSince(Clock::time_point start) { return Clock::now() - start; }

// 8-bit gray plus, for colour input, 8-bit BGR.
Status ToEightBit(const cv::Mat& input, cv::Mat* gray, cv::Mat* bgr) {
  cv::Mat eight = input;
  if (input.depth() == CV_16U) {
    input.convertTo(eight, CV_8U, 1.0 / 257.0);
  } else if (input.depth() != CV_8U) {
    return InvalidArgument("page image has an unsupported pixel type (need 8- or 16-bit)");
  }
  switch (eight.channels()) {
    case 1: *gray = eight; return Status::Ok();
    case 3: *bgr = eight; break;
    case 4: cv::cvtColor(eight, *bgr, cv::COLOR_BGRA2BGR); break;
    default: return InvalidArgument("page image has " + std::to_string(eight.channels()) +
                                    " channels (need 1, 3 or 4)");
  }
  cv::cvtColor(*bgr, *gray, cv::COLOR_BGR2GRAY);
  return Status::Ok();
}

cv::Mat Reduce(const cv::Mat& image, int factor) {
  if (factor <= 1) return image;
  cv::Mat out;
  cv::resize(image, out, cv::Size(std::max(1, image.cols / factor), std::max(1, image.rows / factor)),
             0, 0, cv::INTER_AREA);
  return out;
}

// The sheet's outline in full-resolution coordinates (convex hull of the reduced mask).
std::vector<cv::Point2f> SheetOutline(const cv::Mat& small_mask, int factor) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(small_mask.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Point> all;
  for (const auto& c : contours) all.insert(all.end(), c.begin(), c.end());
  std::vector<cv::Point> hull;
  if (!all.empty()) cv::convexHull(all, hull);
  std::vector<cv::Point2f> outline;
  for (const cv::Point& p : hull) {
    // A reduced pixel covers [p*f, (p+1)*f): take its outer corners.
    for (int dy = 0; dy <= 1; ++dy)
      for (int dx = 0; dx <= 1; ++dx)
        outline.emplace_back(static_cast<float>((p.x + dx) * factor),
                             static_cast<float>((p.y + dy) * factor));
  }
  return outline;
}

// Paints white every full-resolution block whose reduced mask pixel is 0 (outside the sheet).
void FillOutside(cv::Mat& image, const cv::Mat& small_mask, int factor, const cv::Scalar& white) {
  for (int sy = 0; sy < small_mask.rows; ++sy) {
    const uchar* m = small_mask.ptr<uchar>(sy);
    const int y0 = sy * factor;
    if (y0 >= image.rows) break;
    const int rows = std::min(factor, image.rows - y0);
    int sx = 0;
    while (sx < small_mask.cols) {
      if (m[sx]) { ++sx; continue; }
      const int start = sx;
      while (sx < small_mask.cols && !m[sx]) ++sx;
      const int x0 = start * factor;
      if (x0 >= image.cols) break;
      const int x1 = std::min(image.cols, sx * factor);
      image(cv::Rect(x0, y0, x1 - x0, rows)).setTo(white);
    }
  }
  // The last partial block row/column beyond the reduced image.
  const int covered_rows = small_mask.rows * factor, covered_cols = small_mask.cols * factor;
  if (covered_rows < image.rows)
    image.rowRange(covered_rows, image.rows).setTo(white);
  if (covered_cols < image.cols)
    image.colRange(covered_cols, image.cols).setTo(white);
}

struct Geometry {
  cv::Mat transform;  // 2x3, input full-resolution -> output
  cv::Size size;      // output size
};

Geometry PlanWarp(const std::vector<cv::Point2f>& outline, const cv::Rect& box, double skew_deg,
                  const cv::Size& input_size) {
  Geometry g;
  const cv::Point2f center(box.x + box.width / 2.0f, box.y + box.height / 2.0f);
  g.transform = cv::getRotationMatrix2D(center, -skew_deg, 1.0);
  std::vector<cv::Point2f> moved;
  cv::transform(outline, moved, g.transform);
  cv::Rect2f bounds = cv::boundingRect(moved);
  const int x0 = static_cast<int>(std::floor(bounds.x)), y0 = static_cast<int>(std::floor(bounds.y));
  const int x1 = static_cast<int>(std::ceil(bounds.x + bounds.width));
  const int y1 = static_cast<int>(std::ceil(bounds.y + bounds.height));
  g.transform.at<double>(0, 2) -= x0;
  g.transform.at<double>(1, 2) -= y0;
  // A sheet never grows by more than its rotation can add; guard against a degenerate outline.
  g.size = cv::Size(std::clamp(x1 - x0, 1, input_size.width * 2),
                    std::clamp(y1 - y0, 1, input_size.height * 2));
  return g;
}

void Binarize(CleanedPage& page, const CleanupOptions& options) {
  if (!page.binary.empty() || page.gray.empty()) return;
  const auto start = Clock::now();
  const double px_per_mm = page.dpi / 25.4;
  page.binary = SauvolaBinarize(page.gray, px_per_mm);
  if (options.despeckle) page.specks_removed = Despeckle(page.binary, px_per_mm);
  const double ms = MsSince(start);
  page.timing.binarize_ms += ms;
  page.timing.total_ms += ms;
}

Result<CleanedPage> Clean(const cv::Mat& input, const CleanupOptions& options) {
  const auto start = Clock::now();
  CleanedPage out;
  out.dpi = options.dpi;
  cv::Mat gray, bgr;
  INTAKE_RETURN_IF_ERROR(ToEightBit(input, &gray, &bgr));

  // Analysis copies: about 150 dpi (ink, skew, blank) and 75 dpi (sheet, holes, tone).
  const double px_per_mm = options.dpi / 25.4;
  const int f2 = std::max(1, static_cast<int>(std::lround(options.dpi / 150.0)));
  const int f4 = std::max(f2, static_cast<int>(std::lround(options.dpi / 75.0)));
  const cv::Mat s2 = Reduce(gray, f2);
  const cv::Mat s4 = f4 == f2 ? s2 : Reduce(s2, f4 / f2);
  const int f4_eff = f2 * (f4 / f2);
  const double ppm2 = px_per_mm / f2, ppm4 = px_per_mm / f4_eff;

  PageRegion region;
  if (options.remove_border) {
    region = FindPageRegion(s4, ppm4);
  } else {
    region.mask = cv::Mat(s4.size(), CV_8U, cv::Scalar(255));
    region.box = cv::Rect(0, 0, s4.cols, s4.rows);
  }
  const double paper = PaperLevel(s4, region.mask);
  std::vector<PunchHole> holes;
  if (options.remove_punch_holes) holes = FindPunchHoles(s4, region.mask, ppm4, paper);

  // Ink without the punch holes: at ~75 dpi for the blank decision (marks are millimetres
  // high), at ~150 dpi for the skew (line positions to a fraction of a millimetre).
  cv::Mat mask4 = region.mask.clone();
  for (const PunchHole& h : holes)
    cv::circle(mask4, h.center, static_cast<int>(h.radius * 1.3 + 2), cv::Scalar(0), cv::FILLED);
  const BlankDecision blank =
      DecideBlank(FindInk(s4, mask4, ppm4, paper), s4, region.box, ppm4, paper);
  out.blank = blank.blank;
  out.blank_score = blank.text_marks;

  if (options.deskew && !out.blank) {
    SkewSearchOptions search;
    search.max_deg = options.max_skew_deg;
    cv::Mat mask2;
    cv::resize(mask4, mask2, s2.size(), 0, 0, cv::INTER_NEAREST);
    const SkewEstimate skew = EstimateSkew(FindInk(s2, mask2, ppm2, paper), search);
    out.skew_confidence = skew.confidence;
    out.lines_vertical = skew.vertical;
    if (skew.confidence >= kMinSkewConfidence) out.skew_deg = skew.angle_deg;
  }

  cv::Mat bgr4;
  if (!bgr.empty()) bgr4 = Reduce(Reduce(bgr, f2), f4_eff / f2);
  const ToneAnalysis tone = AnalyzeTone(s4, bgr4, region.mask, ppm4, paper);
  out.keep_tone = tone.keep_tone;
  out.is_colour = tone.is_colour;
  out.photo_fraction = tone.photo_fraction;
  out.colour_fraction = tone.colour_fraction;
  out.timing.analysis_ms = MsSince(start);

  // One full-resolution warp: rotate by -skew and crop to the sheet.
  const auto warp_start = Clock::now();
  out.crop_box = cv::Rect(region.box.x * f4_eff, region.box.y * f4_eff,
                          region.box.width * f4_eff, region.box.height * f4_eff) &
                 cv::Rect(0, 0, gray.cols, gray.rows);
  const bool colour_out = !bgr.empty() && tone.is_colour;
  const bool warp = std::abs(out.skew_deg) >= options.min_warp_deg;
  const Geometry geo = PlanWarp(SheetOutline(region.mask, f4_eff), out.crop_box,
                                warp ? out.skew_deg : 0.0, gray.size());
  if (!warp) {
    out.gray = gray(out.crop_box).clone();
    if (colour_out) out.colour = bgr(out.crop_box).clone();
  } else {
    cv::warpAffine(gray, out.gray, geo.transform, geo.size, cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(255));
    if (colour_out)
      cv::warpAffine(bgr, out.colour, geo.transform, geo.size, cv::INTER_LINEAR,
                     cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
  }
  if (region.border_found) {
    cv::Mat small_transform = geo.transform.clone();
    small_transform.at<double>(0, 2) /= f4_eff;
    small_transform.at<double>(1, 2) /= f4_eff;
    cv::Mat small_mask;
    if (!warp) {
      small_mask = region.mask(region.box).clone();
    } else {
      cv::warpAffine(region.mask, small_mask, small_transform,
                     cv::Size((geo.size.width + f4_eff - 1) / f4_eff,
                              (geo.size.height + f4_eff - 1) / f4_eff),
                     cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
    }
    FillOutside(out.gray, small_mask, f4_eff, cv::Scalar(255));
    if (!out.colour.empty()) FillOutside(out.colour, small_mask, f4_eff, cv::Scalar(255, 255, 255));
  }
  for (const PunchHole& h : holes) {
    const cv::Point2f c_in((h.center.x + 0.5f) * f4_eff, (h.center.y + 0.5f) * f4_eff);
    std::vector<cv::Point2f> src{c_in}, dst;
    if (!warp) {
      dst = {c_in - cv::Point2f(static_cast<float>(out.crop_box.x),
                                static_cast<float>(out.crop_box.y))};
    } else {
      cv::transform(src, dst, geo.transform);
    }
    const int r = static_cast<int>(h.radius * f4_eff * 1.25f) + 2;
    cv::circle(out.gray, dst[0], r, cv::Scalar(255), cv::FILLED);
    if (!out.colour.empty()) cv::circle(out.colour, dst[0], r, cv::Scalar(255, 255, 255), cv::FILLED);
  }
  out.punch_holes_removed = static_cast<int>(holes.size());
  out.timing.warp_ms = MsSince(warp_start);

  const auto bin_start = Clock::now();
  if (options.normalize_background && !out.keep_tone)
    NormalizeBackground(out.gray, px_per_mm);
  out.timing.binarize_ms = MsSince(bin_start);
  out.timing.total_ms = MsSince(start);
  if (options.binarize) Binarize(out, options);
  return out;
}

}  // namespace

Result<CleanedPage> CleanPage(const cv::Mat& input, const CleanupOptions& options) {
  if (input.empty()) return InvalidArgument("page image is empty (nothing was decoded)");
  if (!(options.dpi > 0)) return InvalidArgument("page dpi must be positive");
  if (input.cols < options.dpi || input.rows < options.dpi)
    return InvalidArgument("page image is smaller than one inch at " +
                           std::to_string(static_cast<int>(options.dpi)) +
                           " dpi; check the scan resolution");
  try {
    return Clean(input, options);
  } catch (const cv::Exception& e) {
    return Internal(std::string("page cleanup failed in OpenCV: ") + e.what());
  }
}

Status BinarizeCleanedPage(CleanedPage& page, const CleanupOptions& options) {
  try {
    Binarize(page, options);
    return Status::Ok();
  } catch (const cv::Exception& e) {
    return Internal(std::string("page binarization failed in OpenCV: ") + e.what());
  }
}

}  // namespace intake::ocr
