// The clear-text header of an encrypted package (version 1).
//
// Layout (integers big-endian):
//   "INTAKEPK"                 8 bytes magic
//   version                    u8 = 1
//   reserved                   u8 = 0
//   case id length             u16, 1..64
//   case id                    ASCII, IsValidCaseId (it carries no personal data)
//   recipient box key id       8 raw bytes (KeyIdOf the back office's X25519 public key)
//   sealed key length          u16 = crypto_box_SEALBYTES + 32 + case id length
//   sealed key                 crypto_box_seal(stream key (32) || case id, recipient)
//   secretstream header        24 bytes (crypto_secretstream_xchacha20poly1305_HEADERBYTES)
// Then frames until the one tagged FINAL:
//   frame index u64 | ciphertext length u32 (17..65536+17) | ciphertext
// Each frame's additional data is BLAKE2b-256(header bytes) || frame index (u64): the case
// id, version and recipient are bound to every frame, and the index lets the reader name a
// reordered or missing frame before authentication fails.
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::signing {

inline constexpr std::string_view kPackageMagic = "INTAKEPK";
inline constexpr uint8_t kPackageVersion = 1;
inline constexpr size_t kPackageFixedPrefix = 12;  // magic, version, reserved, case id length
inline constexpr size_t kMaxCaseIdLength = 64;
inline constexpr size_t kStreamHeaderSize = 24;
inline constexpr size_t kFramePlaintextSize = 1 << 16;
inline constexpr size_t kFrameOverhead = 17;  // crypto_secretstream ABYTES
inline constexpr size_t kFramePrefixSize = 12;  // index u64 + length u32

struct PackageHeader {
  uint8_t version = kPackageVersion;
  std::string case_id;
  std::array<uint8_t, 8> recipient_key_id{};
  std::vector<uint8_t> sealed_key;
  std::array<uint8_t, kStreamHeaderSize> stream_header{};
  std::vector<uint8_t> raw;  // the exact header bytes (for the additional data)

  std::string recipient_key_id_hex() const;
};

// Serialises `header` (fills header.raw too).
std::vector<uint8_t> EncodePackageHeader(PackageHeader& header);

// Size of the whole header given its first kPackageFixedPrefix bytes, or kCorrupt
// ("not an intake package", "unsupported version N", bad case id length).
Result<size_t> PackageHeaderSize(std::span<const uint8_t> prefix);

// Parses a complete header (exactly PackageHeaderSize bytes). kCorrupt naming the field.
Result<PackageHeader> ParsePackageHeader(std::span<const uint8_t> bytes);

}  // namespace intake::signing
