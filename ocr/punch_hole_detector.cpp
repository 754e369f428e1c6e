#include "ocr/punch_hole_detector.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace intake::ocr {

std::vector<PunchHole> FindPunchHoles(const cv::Mat& small_gray, const cv::Mat& page_mask,
                                      double px_per_mm, double paper_level) {
  std::vector<PunchHole> holes;
  if (page_mask.empty()) return holes;
  const cv::Rect page = cv::boundingRect(page_mask);
  if (page.empty()) return holes;
  // A hole may be cut by the sheet's edge in the page mask; look at the gray image inside the
  // sheet's box and accept dark blobs that are round and hole-sized.
  cv::Mat dark = small_gray < paper_level / 2;
  cv::Mat outside;
  cv::bitwise_not(page_mask, outside);
  dark.setTo(0, outside);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  const double min_d = 4 * px_per_mm, max_d = 10 * px_per_mm, reach = 25 * px_per_mm;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (w < min_d || h < min_d || w > max_d || h > max_d) continue;
    if (w > 1.3 * h || h > 1.3 * w) continue;
    const double circle_area = 3.14159265 * w * h / 4.0;
    if (area < 0.75 * circle_area || area > 1.15 * circle_area) continue;
    const cv::Point2f c(static_cast<float>(centroids.at<double>(i, 0)),
                        static_cast<float>(centroids.at<double>(i, 1)));
    const double to_edge = std::min({c.x - page.x, page.x + page.width - c.x, c.y - page.y,
                                     page.y + page.height - c.y});
    if (to_edge > reach) continue;
    holes.push_back({c, static_cast<float>(std::max(w, h) / 2.0)});
  }
  return holes;
}

}  // namespace intake::ocr
