// PageStats: what the per-page checks need, gathered row by row while a page streams to disk
// (a luminance histogram on an 8-bit scale), so no page is ever held in memory.
//
// Thread safety: value type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace intake::capture {

struct PageStats {
  std::array<uint64_t, 256> histogram{};  // luminance 0 (black) .. 255 (white)
  uint64_t pixels = 0;

  double Mean() const;
  // Smallest level L such that at least `fraction` of the pixels are <= L.
  int Percentile(double fraction) const;
  // Fraction of pixels darker than `level`.
  double FractionBelow(int level) const;

  // Row accumulators, in PNM layout (see pnm_writer.h).
  void AddBitmapRow(std::span<const std::byte> row, int width);
  void AddGrayRow(std::span<const std::byte> row, int width, int depth);
  void AddRgbRow(std::span<const std::byte> row, int width, int depth);
};

}  // namespace intake::capture
