// Streaming digests for BagIt manifests: md5, sha1, sha224, sha256, sha384, sha512 (OpenSSL libcrypto; the
// header keeps OpenSSL out of callers). md5 and sha1 exist only to verify bags made by other
// tools; intake writes sha512.
// Thread safety: a Digest object is single-threaded; distinct objects are independent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct evp_md_ctx_st;  // OpenSSL EVP_MD_CTX

namespace intake::signing {

enum class DigestAlgorithm { kMd5, kSha1, kSha224, kSha256, kSha384, kSha512 };

// "md5", "sha1", "sha224", "sha256", "sha384", "sha512"; kInvalidArgument otherwise.
Result<DigestAlgorithm> DigestFromName(std::string_view name);
std::string_view DigestName(DigestAlgorithm algorithm);
size_t DigestHexLength(DigestAlgorithm algorithm);

class Digest {
 public:
  static Result<Digest> Create(DigestAlgorithm algorithm);
  ~Digest();
  Digest(Digest&& other) noexcept;
  Digest& operator=(Digest&& other) noexcept;
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  void Update(std::span<const uint8_t> bytes);
  void Update(std::string_view bytes);
  // Lowercase hex; the object must not be updated afterwards.
  std::string FinishHex();

 private:
  explicit Digest(evp_md_ctx_st* ctx) : ctx_(ctx) {}
  evp_md_ctx_st* ctx_ = nullptr;
};

// Hashes a file once with every algorithm in `algorithms` (hex, same order), streaming.
Result<std::vector<std::string>> HashFile(const std::filesystem::path& path,
                                          std::span<const DigestAlgorithm> algorithms);

}  // namespace intake::signing
