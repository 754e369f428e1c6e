// Public key value types and key ids.
//
// A key id names a public key in files, logs and trust stores: the first 8 bytes of the
// BLAKE2b-256 hash of the raw public key, as 16 lowercase hex digits. Key ids carry no
// personal data and may be logged.
// Thread safety: value types and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"

namespace intake::signing {

inline constexpr size_t kPublicKeySize = 32;      // Ed25519 and X25519 public keys
inline constexpr size_t kSignatureSize = 64;      // Ed25519 signature
inline constexpr size_t kSignSecretKeySize = 64;  // libsodium Ed25519 secret key (seed || pk)
inline constexpr size_t kBoxSecretKeySize = 32;   // X25519 secret key

using PublicKey = std::array<uint8_t, kPublicKeySize>;
using Signature = std::array<uint8_t, kSignatureSize>;

// 16 lowercase hex digits (see above).
std::string KeyIdOf(const PublicKey& key);

// Parses a 32-byte key given as 64 hex digits or base64 (as written in key files).
Result<PublicKey> ParsePublicKey(std::string_view text);

}  // namespace intake::signing
