#include "signing/package_header.h"

#include <sodium.h>

#include "signing/case_record.h"
#include "signing/encoding.h"

namespace intake::signing {

namespace {
constexpr size_t kSealedOverhead = crypto_box_SEALBYTES + 32;
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == kStreamHeaderSize);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kFrameOverhead);

uint16_t Get16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
void Put16(std::vector<uint8_t>& out, size_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
}  // namespace

std::string PackageHeader::recipient_key_id_hex() const { return ToHex(recipient_key_id); }

std::vector<uint8_t> EncodePackageHeader(PackageHeader& h) {
  std::vector<uint8_t> out(kPackageMagic.begin(), kPackageMagic.end());
  out.push_back(h.version);
  out.push_back(0);
  Put16(out, h.case_id.size());
  out.insert(out.end(), h.case_id.begin(), h.case_id.end());
  out.insert(out.end(), h.recipient_key_id.begin(), h.recipient_key_id.end());
  Put16(out, h.sealed_key.size());
  out.insert(out.end(), h.sealed_key.begin(), h.sealed_key.end());
  out.insert(out.end(), h.stream_header.begin(), h.stream_header.end());
  h.raw = out;
  return out;
}

Result<size_t> PackageHeaderSize(std::span<const uint8_t> prefix) {
  if (prefix.size() < kPackageFixedPrefix ||
      !std::equal(kPackageMagic.begin(), kPackageMagic.end(), prefix.begin())) {
    return Corrupt("not an intake package (no INTAKEPK magic)");
  }
  if (prefix[8] != kPackageVersion) {
    return Corrupt("unsupported package version " + std::to_string(prefix[8]) +
                   " (this build reads version " + std::to_string(kPackageVersion) + ")");
  }
  size_t id_len = Get16(&prefix[10]);
  if (id_len == 0 || id_len > kMaxCaseIdLength) {
    return Corrupt("package header: case id length " + std::to_string(id_len) + " is out of range");
  }
  return kPackageFixedPrefix + id_len + 8 + 2 + kSealedOverhead + id_len + kStreamHeaderSize;
}

Result<PackageHeader> ParsePackageHeader(std::span<const uint8_t> bytes) {
  INTAKE_ASSIGN_OR_RETURN(size_t size, PackageHeaderSize(bytes.first(
                                           std::min(bytes.size(), kPackageFixedPrefix))));
  if (bytes.size() != size) {
    return Corrupt("package header is " + std::to_string(bytes.size()) + " bytes, expected " +
                   std::to_string(size) + " (truncated)");
  }
  PackageHeader h;
  h.version = bytes[8];
  if (bytes[9] != 0) return Corrupt("package header: reserved byte is not zero");
  size_t id_len = Get16(&bytes[10]);
  size_t pos = kPackageFixedPrefix;
  h.case_id.assign(reinterpret_cast<const char*>(&bytes[pos]), id_len);
  if (!IsValidCaseId(h.case_id)) return Corrupt("package header: malformed case id");
  pos += id_len;
  std::copy(&bytes[pos], &bytes[pos] + 8, h.recipient_key_id.begin());
  pos += 8;
  size_t sealed_len = Get16(&bytes[pos]);
  pos += 2;
  if (sealed_len != kSealedOverhead + id_len) {
    return Corrupt("package header: sealed key length " + std::to_string(sealed_len) +
                   ", expected " + std::to_string(kSealedOverhead + id_len));
  }
  h.sealed_key.assign(&bytes[pos], &bytes[pos] + sealed_len);
  pos += sealed_len;
  std::copy(&bytes[pos], &bytes[pos] + kStreamHeaderSize, h.stream_header.begin());
  h.raw.assign(bytes.begin(), bytes.end());
  return h;
}

}  // namespace intake::signing
