#include "transfer/digest.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "core/unique_fd.h"

namespace intake::transfer {

std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name) {
  if (name == "sha1") return DigestAlgorithm::kSha1;
  if (name == "sha256") return DigestAlgorithm::kSha256;
  return std::nullopt;
}

std::string_view DigestAlgorithmName(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::kSha1 ? "sha1" : "sha256";
}

struct Digest::Impl {
  EVP_MD_CTX* ctx = nullptr;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Digest::Digest(DigestAlgorithm algorithm) : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(impl_->ctx, algorithm == DigestAlgorithm::kSha1 ? EVP_sha1() : EVP_sha256(),
                    nullptr);
}
Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::Update(std::string_view bytes) {
  EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size());
}

std::string Digest::Finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(impl_->ctx, out, &length);
  return std::string(reinterpret_cast<char*>(out), length);
}

Result<std::string> Sha256FileHex(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open " + path.string(), errno);
  Digest digest(DigestAlgorithm::kSha256);
  std::vector<char> buffer(1 << 20);
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("read " + path.string(), errno);
    }
    if (n == 0) break;
    digest.Update(std::string_view(buffer.data(), static_cast<size_t>(n)));
  }
  return HexEncode(digest.Finish());
}

std::string Sha256Hex(std::string_view bytes) {
  Digest digest(DigestAlgorithm::kSha256);
  digest.Update(bytes);
  return HexEncode(digest.Finish());
}

std::string HexEncode(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  const size_t length = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(length, '\0');
  sodium_bin2base64(out.data(), length, reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(length - 1);  // drop the terminating NUL
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return InvalidArgument("malformed base64 value");
  }
  out.resize(length);
  return out;
}

}  // namespace intake::transfer
