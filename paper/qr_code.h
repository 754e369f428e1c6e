// QR symbols for cover sheets and registers (libqrencode, hidden behind this header).
// Thread safety: pure (libqrencode is reentrant for QRcode_encodeString).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::paper {

struct QrMatrix {
  int size = 0;                  // modules per side, without the quiet zone
  std::vector<uint8_t> dark;     // size*size, row-major, 1 = dark module
  bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x] != 0; }
};

// Error-correction level Q (25% of the symbol can be damaged) by default, so a partly
// covered or stained code still reads. kInvalidArgument when the text does not fit.
Result<QrMatrix> EncodeQr(const std::string& text, char level = 'Q');

}  // namespace intake::paper
