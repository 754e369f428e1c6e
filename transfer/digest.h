// What the transfer protocol needs from hashing and encoding, on top of signing's digests and
// encodings (signing/digest.h, signing/encoding.h: the project's one implementation):
// SHA-256 of whole files (package identity, receipts), SHA-1/SHA-256 of tus chunks (the
// checksum extension), hex and base64 of binary strings (HTTP headers, metadata, ids).
//
// Thread safety: all functions are reentrant.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "signing/digest.h"

namespace intake::transfer {

using DigestAlgorithm = signing::DigestAlgorithm;

// The tus checksum algorithms we speak: "sha1" / "sha256"; nullopt for anything else.
std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name);
std::string_view DigestAlgorithmName(DigestAlgorithm algorithm);

// Raw digest bytes of a finished signing::Digest (what Upload-Checksum carries, base64'd).
std::string FinishRaw(signing::Digest& digest);

// Lower-case hex SHA-256 of a file, streamed (memory flat in the file size).
Result<std::string> Sha256FileHex(const std::filesystem::path& path);
std::string Sha256Hex(std::string_view bytes);

std::string HexEncode(std::string_view bytes);
std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; fails on anything else.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace intake::transfer
