#include "ocr/border_detector.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace intake::ocr {
namespace {

double Median(std::vector<uchar>& values) {
  if (values.empty()) return 255;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// Median gray of each image side's outer strip; returns the darkest.
double DarkestEdgeLevel(const cv::Mat& gray, int strip) {
  const int w = gray.cols, h = gray.rows;
  const cv::Rect sides[4] = {{0, 0, w, strip}, {0, h - strip, w, strip},
                             {0, 0, strip, h}, {w - strip, 0, strip, h}};
  double darkest = 255;
  for (const cv::Rect& side : sides) {
    std::vector<uchar> values;
    values.reserve(static_cast<size_t>(side.area()));
    cv::Mat roi = gray(side);
    for (int y = 0; y < roi.rows; ++y) {
      const uchar* row = roi.ptr<uchar>(y);
      values.insert(values.end(), row, row + roi.cols);
    }
    darkest = std::min(darkest, Median(values));
  }
  return darkest;
}

int OddAtLeast3(double v) {
  int k = std::max(3, static_cast<int>(std::lround(v)));
  return k | 1;
}

}  // namespace

double PaperLevel(const cv::Mat& gray, const cv::Mat& mask) {
  int hist[256] = {0};
  long total = 0;
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    const uchar* m = mask.empty() ? nullptr : mask.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) {
      if (m && !m[x]) continue;
      ++hist[row[x]];
      ++total;
    }
  }
  if (total == 0) return 255;
  const long target = static_cast<long>(total * 0.90);
  long seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen > target) return v;
  }
  return 255;
}

PageRegion FindPageRegion(const cv::Mat& small_gray, double px_per_mm) {
  PageRegion region;
  region.mask = cv::Mat(small_gray.size(), CV_8U, cv::Scalar(255));
  region.box = cv::Rect(0, 0, small_gray.cols, small_gray.rows);
  region.paper_level = PaperLevel(small_gray);
  const int strip = std::clamp(static_cast<int>(std::lround(px_per_mm)), 1,
                               std::min(small_gray.cols, small_gray.rows) / 4);
  region.border_level = DarkestEdgeLevel(small_gray, strip);
  // An edge only a little darker than the paper is a shadow for background normalization and
  // binarization to flatten, not a border to cut.
  const double min_contrast = std::max(40.0, 0.2 * region.paper_level);
  if (region.border_level > region.paper_level - min_contrast) return region;

  const double threshold = (region.border_level + region.paper_level) / 2;
  cv::Mat dark = small_gray < threshold;
  // Wider than any text stroke or rule (2 mm), so only solid dark areas remain.
  const int k = OddAtLeast3(2.0 * px_per_mm);
  cv::morphologyEx(dark, dark, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));

  cv::Mat labels;
  const int n = cv::connectedComponents(dark, labels, 8, CV_32S);
  std::vector<uchar> touches_edge(static_cast<size_t>(n), 0);
  const int w = labels.cols, h = labels.rows;
  for (int x = 0; x < w; ++x) {
    touches_edge[labels.at<int>(0, x)] = 1;
    touches_edge[labels.at<int>(h - 1, x)] = 1;
  }
  for (int y = 0; y < h; ++y) {
    touches_edge[labels.at<int>(y, 0)] = 1;
    touches_edge[labels.at<int>(y, w - 1)] = 1;
  }
  touches_edge[0] = 0;  // label 0 is "not dark"
  cv::Mat page(small_gray.size(), CV_8U);
  for (int y = 0; y < h; ++y) {
    const int* l = labels.ptr<int>(y);
    uchar* p = page.ptr<uchar>(y);
    for (int x = 0; x < w; ++x) p[x] = touches_edge[l[x]] ? 0 : 255;
  }

  // The sheet is the largest remaining piece (drops bright specks in the lid area).
  cv::Mat page_labels, stats, centroids;
  const int m = cv::connectedComponentsWithStats(page, page_labels, stats, centroids, 4, CV_32S);
  int best = 0;
  for (int i = 1; i < m; ++i)
    if (best == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(best, cv::CC_STAT_AREA))
      best = i;
  if (best == 0) return region;  // everything dark: leave the image as it is
  region.mask = page_labels == best;
  // One pixel of safety against the lid's blurred edge.
  cv::erode(region.mask, region.mask, cv::Mat(), cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
  region.box = cv::boundingRect(region.mask);
  region.border_found = true;
  return region;
}

}  // namespace intake::ocr
