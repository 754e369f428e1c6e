// Hex and base64 (standard alphabet, padded) for public keys, signatures and digests.
// Never used for secret keys, which stay in binary SecretBytes.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::signing {

std::string ToHex(std::span<const uint8_t> bytes);          // lowercase
Result<std::vector<uint8_t>> FromHex(std::string_view hex);  // kInvalidArgument when malformed
std::string ToBase64(std::span<const uint8_t> bytes);
Result<std::vector<uint8_t>> FromBase64(std::string_view text);

}  // namespace intake::signing
