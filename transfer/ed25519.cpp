#include "transfer/ed25519.h"

#include <sodium.h>

#include <cctype>
#include <utility>

#include "core/file_util.h"
#include "transfer/digest.h"

namespace intake::transfer {

namespace {

Status EnsureSodium() {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  return Status::Ok();
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool DecodeHex(std::string_view text, unsigned char* out, size_t out_size) {
  size_t length = 0;
  return sodium_hex2bin(out, out_size, text.data(), text.size(), nullptr, &length, nullptr) == 0 &&
         length == out_size && text.size() == out_size * 2;
}

}  // namespace

Result<PublicKey> ParsePublicKeyHex(std::string_view text) {
  text = Trim(text);
  PublicKey key{};
  if (!DecodeHex(text, key.data(), key.size()))
    return InvalidArgument("a public key must be 64 hex characters");
  return key;
}

Result<PublicKey> LoadPublicKeyFile(const std::filesystem::path& path) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto key = ParsePublicKeyHex(text);
  if (!key.ok()) return key.status().WithContext(path.string());
  return key;
}

std::string PublicKeyHex(const PublicKey& key) {
  return HexEncode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

std::string KeyId(const PublicKey& key) {
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()))
      .substr(0, 16);
}

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature) {
  if (signature.size() != crypto_sign_BYTES || sodium_init() < 0) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

Result<SigningKey> SigningKey::Generate() {
  INTAKE_RETURN_IF_ERROR(EnsureSodium());
  SigningKey key;
  key.secret_ = static_cast<unsigned char*>(sodium_malloc(crypto_sign_SECRETKEYBYTES));
  if (!key.secret_) return Status(Code::kResourceExhausted, "sodium_malloc failed");
  crypto_sign_keypair(key.public_key_.data(), key.secret_);
  return key;
}

Result<SigningKey> SigningKey::Load(const std::filesystem::path& key_file) {
  INTAKE_RETURN_IF_ERROR(EnsureSodium());
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(key_file));
  SigningKey key;
  key.secret_ = static_cast<unsigned char*>(sodium_malloc(crypto_sign_SECRETKEYBYTES));
  if (!key.secret_) return Status(Code::kResourceExhausted, "sodium_malloc failed");
  bool ok = DecodeHex(Trim(text), key.secret_, crypto_sign_SECRETKEYBYTES);
  sodium_memzero(text.data(), text.size());
  if (!ok) return Corrupt(key_file.string() + ": a secret key must be 128 hex characters");
  crypto_sign_ed25519_sk_to_pk(key.public_key_.data(), key.secret_);
  std::filesystem::path pub = key_file;
  pub.replace_extension(".pub");
  std::error_code ec;
  if (std::filesystem::exists(pub, ec)) {
    INTAKE_ASSIGN_OR_RETURN(PublicKey stored, LoadPublicKeyFile(pub));
    if (stored != key.public_key_)
      return Corrupt(pub.string() + " does not belong to " + key_file.string());
  }
  return key;
}

Status SigningKey::Save(const std::filesystem::path& dir, std::string_view name) const {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir, 0700));
  std::string hex(crypto_sign_SECRETKEYBYTES * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), secret_, crypto_sign_SECRETKEYBYTES);
  hex.back() = '\n';
  Status written = WriteFileAtomic(dir / (std::string(name) + ".key"), hex, 0600);
  sodium_memzero(hex.data(), hex.size());
  INTAKE_RETURN_IF_ERROR(written);
  return WriteFileAtomic(dir / (std::string(name) + ".pub"), PublicKeyHex(public_key_) + "\n");
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : secret_(std::exchange(other.secret_, nullptr)), public_key_(other.public_key_) {}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    if (secret_) sodium_free(secret_);
    secret_ = std::exchange(other.secret_, nullptr);
    public_key_ = other.public_key_;
  }
  return *this;
}

SigningKey::~SigningKey() {
  if (secret_) sodium_free(secret_);
}

std::string SigningKey::Sign(std::string_view message) const {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_);
  return signature;
}

}  // namespace intake::transfer
