#include "ocr/despeckler.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace intake::ocr {

// Works on a grid of ~0.33 mm cells ("any ink in the cell"), so the connected components are
// found on a 16x smaller image at 300 dpi; an isolated speck's cells hold nothing else and are
// cleared whole.
int Despeckle(cv::Mat& binary, double px_per_mm, const DespeckleOptions& options) {
  const int cell = std::max(1, static_cast<int>(std::lround(px_per_mm / 3.0)));
  const int cols = binary.cols / cell, rows = binary.rows / cell;
  if (cols < 3 || rows < 3) return 0;
  cv::Mat mean;
  cv::resize(binary(cv::Rect(0, 0, cols * cell, rows * cell)), mean, cv::Size(cols, rows), 0, 0,
             cv::INTER_AREA);
  cv::Mat ink = mean < 255;  // any ink pixel in the cell
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  if (n <= 1) return 0;
  const double cell_mm = cell / px_per_mm;
  // Mean of a cell holding at most ~1/4 ink: the cell covers ~0.11 mm², a dot of an і ~0.1 mm².
  const int kDustMean = static_cast<int>(255.0 * 0.75);
  // A speck up to isolated_max_mm across spans at most this many cells (it may straddle one).
  const int small_cells = static_cast<int>(std::ceil(options.isolated_max_mm / cell_mm)) + 1;

  cv::Mat occupied = cv::Mat::zeros(rows, cols, CV_8U);
  std::vector<uchar> small(static_cast<size_t>(n), 0);
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (box.width <= small_cells && box.height <= small_cells) small[i] = 1;
    else occupied(box).setTo(255);
  }
  const int reach = std::max(1, static_cast<int>(std::lround(options.isolation_mm / cell_mm)));
  cv::dilate(occupied, occupied,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * reach + 1, 2 * reach + 1)));

  int removed = 0;
  for (int i = 1; i < n; ++i) {
    if (!small[i]) continue;
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    // A piece alone in one cell with at most a few ink pixels is noise even next to text
    // (the dot of an і or a full stop has more); otherwise it must be away from text.
    const bool dust = box.area() == 1 && mean.at<uchar>(box.y, box.x) >= kDustMean;
    if (!dust && cv::countNonZero(occupied(box)) > 0) continue;
    binary(cv::Rect(box.x * cell, box.y * cell, box.width * cell, box.height * cell)).setTo(255);
    ++removed;
  }
  return removed;
}

}  // namespace intake::ocr
