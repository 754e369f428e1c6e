// Hashes and encodings the transfer protocol needs: SHA-256 of whole files (package
// identity, receipts), SHA-1/SHA-256 of chunks (the tus checksum extension), hex and base64.
//
// Thread safety: all functions are reentrant. Digest is single-owner (move-only).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::transfer {

enum class DigestAlgorithm { kSha1, kSha256 };

// Parses "sha1" / "sha256" (tus algorithm names).
std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name);
std::string_view DigestAlgorithmName(DigestAlgorithm algorithm);

// Incremental digest (OpenSSL EVP behind a pimpl).
class Digest {
 public:
  explicit Digest(DigestAlgorithm algorithm);
  ~Digest();
  Digest(Digest&&) noexcept;
  Digest& operator=(Digest&&) noexcept;
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  void Update(std::string_view bytes);
  // Raw digest bytes; the object must not be updated afterwards.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Lower-case hex SHA-256 of a file, read in 1 MiB blocks (memory flat in the file size).
Result<std::string> Sha256FileHex(const std::filesystem::path& path);
std::string Sha256Hex(std::string_view bytes);

std::string HexEncode(std::string_view bytes);
std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; fails on anything else.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace intake::transfer
