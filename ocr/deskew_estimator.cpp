#include "ocr/deskew_estimator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace intake::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMinInkPoints = 200;

// Projects the points onto the normal of lines at `angle_deg` and scores the profile.
// Horizontal lines rotated counter-clockwise by a (y down) satisfy y*cos(a) + x*sin(a) = const.
// Vertical lines satisfy x*cos(a) - y*sin(a) = const, which is the same form for the points
// (-y, x): the vertical scorer is built on those.
class ProfileScorer {
 public:
  ProfileScorer(std::vector<cv::Point2f> points, double half_diagonal)
      : points_(std::move(points)), half_diagonal_(half_diagonal) {}

  // Hard binning: each point adds 1 to its bin. Fast; for the coarse sweep.
  double Score(double angle_deg, double bin_px, size_t stride) {
    const double a = angle_deg * kPi / 180.0;
    const float c = static_cast<float>(std::cos(a) / bin_px);
    const float s = static_cast<float>(std::sin(a) / bin_px);
    const int offset = static_cast<int>(half_diagonal_ / bin_px) + 2;
    const float foffset = static_cast<float>(offset);
    bins_.assign(2 * offset + 3, 0.0f);
    float* bins = bins_.data();
    // Keys are >= 0 after the offset, so truncation is floor.
    for (size_t i = 0; i < points_.size(); i += stride) {
      const cv::Point2f& p = points_[i];
      bins[static_cast<int>(p.y * c + p.x * s + foffset)] += 1.0f;
    }
    return DifferentialSquares();
  }

  // Soft binning: each point is shared between its two nearest bins, so the score changes
  // smoothly with the angle (hard bins make a plateau a few hundredths of a degree wide,
  // where the peak could not be located).
  double SoftScore(double angle_deg, double bin_px, size_t stride) {
    const double a = angle_deg * kPi / 180.0;
    const float c = static_cast<float>(std::cos(a) / bin_px);
    const float s = static_cast<float>(std::sin(a) / bin_px);
    const int offset = static_cast<int>(half_diagonal_ / bin_px) + 2;
    const float foffset = static_cast<float>(offset);
    bins_.assign(2 * offset + 3, 0.0f);
    float* bins = bins_.data();
    for (size_t i = 0; i < points_.size(); i += stride) {
      const cv::Point2f& p = points_[i];
      const float key = p.y * c + p.x * s + foffset;
      const int bin = static_cast<int>(key);
      const float frac = key - static_cast<float>(bin);
      bins[bin] += 1.0f - frac;
      bins[bin + 1] += frac;
    }
    return DifferentialSquares();
  }

  size_t size() const { return points_.size(); }

 private:
  std::vector<cv::Point2f> points_;
  double half_diagonal_;
  std::vector<float> bins_;

  double DifferentialSquares() const {
    double score = 0;
    for (size_t i = 1; i < bins_.size(); ++i) {
      const double d = static_cast<double>(bins_[i]) - bins_[i - 1];
      score += d * d;
    }
    return score;
  }
};

// A well-mixed 32-bit hash of a pixel position (the finalizer of MurmurHash3).
uint32_t PositionHash(const cv::Point& p) {
  uint32_t h = static_cast<uint32_t>(p.x) * 0x9E3779B1u ^ static_cast<uint32_t>(p.y) * 0x85EBCA77u;
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

struct Best {
  double angle = 0;
  double score = -1;
};

// Scans [center - half_range, center + half_range] at `step` and returns the best angle,
// refined by a parabola through its neighbours.
Best Refine(ProfileScorer& scorer, double center, double half_range, double step,
            double bin_px, size_t stride) {
  const int n = static_cast<int>(std::lround(half_range / step));
  std::vector<double> scores(2 * n + 1);
  int best = 0;
  for (int i = -n; i <= n; ++i) {
    scores[i + n] = scorer.SoftScore(center + i * step, bin_px, stride);
    if (scores[i + n] > scores[best]) best = i + n;
  }
  Best out{center + (best - n) * step, scores[best]};
  if (best > 0 && best < 2 * n) {
    const double l = scores[best - 1], m = scores[best], r = scores[best + 1];
    const double denom = l - 2 * m + r;
    if (denom < 0) out.angle += step * 0.5 * (l - r) / denom;
  }
  return out;
}

}  // namespace

SkewEstimate EstimateSkew(const cv::Mat& ink, const SkewSearchOptions& options) {
  SkewEstimate result;
  std::vector<cv::Point> raw;
  cv::findNonZero(ink, raw);
  result.ink_points = static_cast<int>(raw.size());
  if (raw.size() < static_cast<size_t>(kMinInkPoints)) return result;

  // Coordinates relative to the image centre keep the bins centred for every angle. An even
  // subsample caps the work: the profile's shape needs tens of thousands of points, not all.
  const float cx = ink.cols / 2.0f, cy = ink.rows / 2.0f;
  const double half_diagonal = std::hypot(ink.cols, ink.rows) / 2.0 + 2;
  // The subsample is pseudo-random (a hash of the position), never every k-th point: a
  // regular stride over row-major pixels keeps a lattice of points, and a lattice has
  // "lines" of its own at small angles that the projection would find.
  auto sample = [&](int max_points, bool vertical) {
    const uint32_t keep = static_cast<uint32_t>(
        std::min<uint64_t>(UINT32_MAX, static_cast<uint64_t>(max_points) * UINT32_MAX / raw.size()));
    std::vector<cv::Point2f> points;
    points.reserve(std::min<size_t>(raw.size(), static_cast<size_t>(max_points) * 11 / 10 + 16));
    for (const cv::Point& p : raw) {
      if (raw.size() > static_cast<size_t>(max_points) && PositionHash(p) > keep) continue;
      const float x = p.x + 0.5f - cx, y = p.y + 0.5f - cy;
      points.emplace_back(vertical ? cv::Point2f(-y, x) : cv::Point2f(x, y));
    }
    return ProfileScorer(std::move(points), half_diagonal);
  };

  // Coarse sweep: both line directions, 2-pixel bins.
  const int n = static_cast<int>(std::ceil(options.max_deg / options.coarse_step_deg));
  std::vector<double> all_scores;
  Best coarse[2];
  for (int v = 0; v < 2; ++v) {
    ProfileScorer scorer = sample(options.max_coarse_points, v == 1);
    for (int i = -n; i <= n; ++i) {
      const double angle = std::clamp(i * options.coarse_step_deg, -options.max_deg,
                                      options.max_deg);
      const double score = scorer.Score(angle, 2.0, 1);
      all_scores.push_back(score);
      if (score > coarse[v].score) coarse[v] = {angle, score};
    }
  }
  const bool vertical = coarse[1].score > coarse[0].score;
  std::nth_element(all_scores.begin(), all_scores.begin() + all_scores.size() / 2,
                   all_scores.end());
  const double median = all_scores[all_scores.size() / 2];

  // Fine: more points, 1-pixel soft bins, 0.1° then 0.02° steps.
  const Best& start = coarse[vertical ? 1 : 0];
  ProfileScorer fine_scorer = sample(options.max_fine_points, vertical);
  Best fine = Refine(fine_scorer, start.angle, options.coarse_step_deg + 0.1, 0.1, 1.0, 1);
  fine = Refine(fine_scorer, fine.angle, 0.12, 0.02, 1.0, 1);

  result.vertical = vertical;
  result.angle_deg = std::clamp(fine.angle, -options.max_deg, options.max_deg);
  result.confidence = median > 0 ? start.score / median : 0;
  return result;
}

}  // namespace intake::ocr
