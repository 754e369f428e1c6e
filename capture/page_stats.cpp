#include "capture/page_stats.h"

#include <array>

namespace intake::capture {

namespace {
// PNM 16-bit samples are big-endian; the high byte is the 8-bit level.
inline int Sample(std::span<const std::byte> row, size_t i, int depth) {
  return depth == 16 ? std::to_integer<int>(row[2 * i]) : std::to_integer<int>(row[i]);
}
}  // namespace

double PageStats::Mean() const {
  if (pixels == 0) return 0;
  double sum = 0;
  for (int i = 0; i < 256; ++i) sum += static_cast<double>(histogram[i]) * i;
  return sum / static_cast<double>(pixels);
}

int PageStats::Percentile(double fraction) const {
  if (pixels == 0) return 0;
  const double target = fraction * static_cast<double>(pixels);
  uint64_t seen = 0;
  for (int i = 0; i < 256; ++i) {
    seen += histogram[i];
    if (static_cast<double>(seen) >= target) return i;
  }
  return 255;
}

double PageStats::FractionBelow(int level) const {
  if (pixels == 0) return 0;
  uint64_t below = 0;
  for (int i = 0; i < level && i < 256; ++i) below += histogram[i];
  return static_cast<double>(below) / static_cast<double>(pixels);
}

void PageStats::AddBitmapRow(std::span<const std::byte> row, int width) {
  uint64_t black = 0;
  for (int x = 0; x < width; ++x)
    if ((std::to_integer<unsigned>(row[x / 8]) >> (7 - x % 8)) & 1u) ++black;
  histogram[0] += black;
  histogram[255] += static_cast<uint64_t>(width) - black;
  pixels += static_cast<uint64_t>(width);
}

void PageStats::AddGrayRow(std::span<const std::byte> row, int width, int depth) {
  if (depth != 8 || width < 1024) {
    for (int x = 0; x < width; ++x) ++histogram[Sample(row, x, depth)];
    pixels += static_cast<uint64_t>(width);
    return;
  }
  // Four interleaved counters: a page's background sits in a few bins, and incrementing one
  // bin per pixel stalls on its own previous store; four lanes let the increments overlap.
  // (The gray histogram was the largest CPU cost of capture beyond the device, ~12 %.)
  std::array<std::array<uint32_t, 256>, 4> lanes{};
  const auto* p = reinterpret_cast<const uint8_t*>(row.data());
  int x = 0;
  for (; x + 4 <= width; x += 4) {
    ++lanes[0][p[x]];
    ++lanes[1][p[x + 1]];
    ++lanes[2][p[x + 2]];
    ++lanes[3][p[x + 3]];
  }
  for (; x < width; ++x) ++lanes[0][p[x]];
  for (int i = 0; i < 256; ++i)
    histogram[i] += uint64_t{lanes[0][i]} + lanes[1][i] + lanes[2][i] + lanes[3][i];
  pixels += static_cast<uint64_t>(width);
}

void PageStats::AddRgbRow(std::span<const std::byte> row, int width, int depth) {
  for (int x = 0; x < width; ++x) {
    const size_t i = static_cast<size_t>(x) * 3;
    // Rec. 601 luma in integer arithmetic.
    int y = (299 * Sample(row, i, depth) + 587 * Sample(row, i + 1, depth) +
             114 * Sample(row, i + 2, depth)) / 1000;
    ++histogram[y];
  }
  pixels += static_cast<uint64_t>(width);
}

}  // namespace intake::capture
