#include "signing/digest.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "core/unique_fd.h"
#include "signing/encoding.h"

namespace intake::signing {

namespace {
const EVP_MD* Md(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::kMd5: return EVP_md5();
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha224: return EVP_sha224();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha384: return EVP_sha384();
    case DigestAlgorithm::kSha512: return EVP_sha512();
  }
  return nullptr;
}
}  // namespace

Result<DigestAlgorithm> DigestFromName(std::string_view name) {
  if (name == "md5") return DigestAlgorithm::kMd5;
  if (name == "sha1") return DigestAlgorithm::kSha1;
  if (name == "sha224") return DigestAlgorithm::kSha224;
  if (name == "sha256") return DigestAlgorithm::kSha256;
  if (name == "sha384") return DigestAlgorithm::kSha384;
  if (name == "sha512") return DigestAlgorithm::kSha512;
  return InvalidArgument("unsupported checksum algorithm '" + std::string(name) +
                         "' (supported: md5, sha1, sha224, sha256, sha384, sha512)");
}

std::string_view DigestName(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::kMd5: return "md5";
    case DigestAlgorithm::kSha1: return "sha1";
    case DigestAlgorithm::kSha224: return "sha224";
    case DigestAlgorithm::kSha256: return "sha256";
    case DigestAlgorithm::kSha384: return "sha384";
    case DigestAlgorithm::kSha512: return "sha512";
  }
  return "?";
}

size_t DigestHexLength(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::kMd5: return 32;
    case DigestAlgorithm::kSha1: return 40;
    case DigestAlgorithm::kSha224: return 56;
    case DigestAlgorithm::kSha256: return 64;
    case DigestAlgorithm::kSha384: return 96;
    case DigestAlgorithm::kSha512: return 128;
  }
  return 0;
}

Result<Digest> Digest::Create(DigestAlgorithm algorithm) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return Status(Code::kResourceExhausted, "EVP_MD_CTX_new failed");
  if (EVP_DigestInit_ex(ctx, Md(algorithm), nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    return Internal("OpenSSL cannot initialise " + std::string(DigestName(algorithm)));
  }
  return Digest(ctx);
}

Digest::~Digest() {
  if (ctx_ != nullptr) EVP_MD_CTX_free(ctx_);
}
Digest::Digest(Digest&& other) noexcept : ctx_(std::exchange(other.ctx_, nullptr)) {}
Digest& Digest::operator=(Digest&& other) noexcept {
  if (this != &other) {
    if (ctx_ != nullptr) EVP_MD_CTX_free(ctx_);
    ctx_ = std::exchange(other.ctx_, nullptr);
  }
  return *this;
}

void Digest::Update(std::span<const uint8_t> bytes) {
  EVP_DigestUpdate(ctx_, bytes.data(), bytes.size());
}
void Digest::Update(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }

std::string Digest::FinishHex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_, md, &len);
  return ToHex(std::span<const uint8_t>(md, len));
}

Result<std::vector<std::string>> HashFile(const std::filesystem::path& path,
                                          std::span<const DigestAlgorithm> algorithms) {
  std::vector<Digest> digests;
  for (DigestAlgorithm a : algorithms) {
    INTAKE_ASSIGN_OR_RETURN(Digest d, Digest::Create(a));
    digests.push_back(std::move(d));
  }
  // O_NOFOLLOW: a bag from elsewhere must not make us hash (and report on) files outside it.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return ErrnoStatus("open " + path.string(), errno);
  std::vector<uint8_t> buffer(1 << 18);
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("read " + path.string(), errno);
    if (n == 0) break;
    for (Digest& d : digests) d.Update(std::span<const uint8_t>(buffer.data(), size_t(n)));
  }
  std::vector<std::string> out;
  for (Digest& d : digests) out.push_back(d.FinishHex());
  return out;
}

}  // namespace intake::signing
