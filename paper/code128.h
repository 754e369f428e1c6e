// Code 128 (ISO/IEC 15417), code set B: printable ASCII as a linear barcode, the second code
// on the cover sheet beside the QR (a hand scanner at the back office may read only linear
// codes). The symbol carries its mod-103 check character; the payload carries its own
// SHA-256 check as well (paper_code.h), so a misread is refused twice over.
//
// Thread safety: pure.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::paper {

// Module widths of the whole symbol, alternating bar, space, bar, ... (starting and ending
// with a bar): start B, the characters, the check character, stop. Quiet zones are the
// caller's. kInvalidArgument for an empty text or a character outside ASCII 32..126.
Result<std::vector<int>> EncodeCode128(std::string_view text);

// Total width in modules of EncodeCode128's result.
int Code128Modules(const std::vector<int>& widths);

}  // namespace intake::paper
