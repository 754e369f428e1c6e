#include "transfer/digest.h"

#include <array>
#include <cstdint>
#include <span>

#include "signing/encoding.h"

namespace intake::transfer {
namespace {

std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name) {
  if (name == "sha1") return DigestAlgorithm::kSha1;
  if (name == "sha256") return DigestAlgorithm::kSha256;
  return std::nullopt;
}

std::string_view DigestAlgorithmName(DigestAlgorithm algorithm) {
  return signing::DigestName(algorithm);
}

std::string FinishRaw(signing::Digest& digest) {
  auto raw = signing::FromHex(digest.FinishHex());  // our own hex: cannot be malformed
  return raw.ok() ? std::string(raw->begin(), raw->end()) : std::string();
}

Result<std::string> Sha256FileHex(const std::filesystem::path& path) {
  constexpr std::array<DigestAlgorithm, 1> kSha256 = {DigestAlgorithm::kSha256};
  INTAKE_ASSIGN_OR_RETURN(std::vector<std::string> hex, signing::HashFile(path, kSha256));
  return hex.at(0);
}

std::string Sha256Hex(std::string_view bytes) {
  auto digest = signing::Digest::Create(DigestAlgorithm::kSha256);
  if (!digest.ok()) return {};  // OpenSSL without SHA-256: nothing sensible to return
  digest->Update(bytes);
  return digest->FinishHex();
}

std::string HexEncode(std::string_view bytes) { return signing::ToHex(Bytes(bytes)); }

std::string Base64Encode(std::string_view bytes) { return signing::ToBase64(Bytes(bytes)); }

Result<std::string> Base64Decode(std::string_view text) {
  INTAKE_ASSIGN_OR_RETURN(std::vector<uint8_t> raw, signing::FromBase64(text));
  return std::string(raw.begin(), raw.end());
}

}  // namespace intake::transfer
