#include "ocr/blank_detector.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace intake::ocr {
namespace {

bool HasDarkPixel(const cv::Mat& labels, const cv::Mat& gray, const cv::Rect& box, int label,
                  double dark_core) {
  for (int y = box.y; y < box.y + box.height; ++y) {
    const int* l = labels.ptr<int>(y);
    const uchar* g = gray.ptr<uchar>(y);
    for (int x = box.x; x < box.x + box.width; ++x)
      if (l[x] == label && g[x] <= dark_core) return true;
  }
  return false;
}

}  // namespace

BlankDecision DecideBlank(const cv::Mat& ink, const cv::Mat& gray, const cv::Rect& page_box,
                          double px_per_mm, double paper_level) {
  BlankDecision decision;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  if (n <= 1) return decision;

  const double dark_core = paper_level - std::max(60.0, 0.35 * paper_level);
  const double min_h = 1.2 * px_per_mm, max_h = 20 * px_per_mm, max_w = 60 * px_per_mm;
  // The margin scales down for small sheets (receipts, cards): 5% of the shorter side at most.
  const double edge = std::min(kEdgeMarginMm * px_per_mm,
                               0.05 * std::min(page_box.width, page_box.height));
  const cv::Rect inner(static_cast<int>(page_box.x + edge), static_cast<int>(page_box.y + edge),
                       std::max(0, static_cast<int>(page_box.width - 2 * edge)),
                       std::max(0, static_cast<int>(page_box.height - 2 * edge)));

  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    const double fill = static_cast<double>(area) / (static_cast<double>(w) * h);
    const bool text_sized = h >= min_h && h <= max_h && w <= max_w;
    const bool streak = w > 12 * h || h > 12 * w;
    const bool solid_round_blob = fill > 0.6 && w > 3 * px_per_mm && h > 3 * px_per_mm &&
                                  w < 1.5 * h && h < 1.5 * w;
    const bool inside = inner.contains(cv::Point(x + w / 2, y + h / 2));
    if (!text_sized || streak || solid_round_blob || !inside) {
      ++decision.other_marks;
      continue;
    }
    // The core of printed or written text is far below the paper, while bleed-through and
    // faint smudges only just pass the ink threshold.
    if (!HasDarkPixel(labels, gray, cv::Rect(x, y, w, h), i, dark_core)) {
      ++decision.other_marks;
      continue;
    }
    // Enough is enough: the page is not blank, and counting on costs time on full pages.
    if (++decision.text_marks >= kEnoughTextMarks) break;
  }
  decision.blank = decision.text_marks < kMinTextMarks;
  return decision;
}

}  // namespace intake::ocr
