// The page pattern shared by page_store_writer (the child that stores pages) and
// page_store_crash_test.cpp (which checks what survived): page N's size and pixels depend on N.
#pragma once

#include <cstdint>

namespace intake::capture {

struct PatternSize {
  int width, height;
};

// Big enough that a page takes several write() calls (PnmWriter flushes every 256 KiB).
inline PatternSize PatternPageSize(int sequence) {
  return {640 + (sequence % 5) * 16, 480 + (sequence % 3) * 40};
}

inline std::uint8_t ExpectedPagePixel(int sequence, int x, int y) {
  return static_cast<std::uint8_t>(x * 7 + y * 13 + sequence * 31);
}

}  // namespace intake::capture
