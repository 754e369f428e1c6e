// Ed25519 keys for the transfer layer: the back-office receipt key (receiver signs, workstation
// verifies), the workstation request key (workstation signs requests, receiver verifies
// against its trust store).
//
// Key files (until the signing library's key store takes over, see docs in the API note):
//   <name>.pub  one line: 64 lower-case hex characters (the 32-byte public key)
//   <name>.key  one line: 128 hex characters (libsodium's 64-byte secret key), mode 0600
// The key id is the first 16 hex characters of SHA-256(public key).
//
// Secret bytes live in sodium_malloc memory (guarded, locked, wiped on free).
// Thread safety: const methods are safe from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::transfer {

using PublicKey = std::array<unsigned char, 32>;

// Parses 64 hex characters (surrounding white space ignored).
Result<PublicKey> ParsePublicKeyHex(std::string_view text);
Result<PublicKey> LoadPublicKeyFile(const std::filesystem::path& path);
std::string PublicKeyHex(const PublicKey& key);
std::string KeyId(const PublicKey& key);

// Verifies a detached Ed25519 signature.
bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature);

class SigningKey {
 public:
  static Result<SigningKey> Generate();
  // Reads <stem>.key (and checks it matches <stem>.pub when present).
  static Result<SigningKey> Load(const std::filesystem::path& key_file);
  // Writes <dir>/<name>.key (0600) and <dir>/<name>.pub atomically; dir is created 0700.
  Status Save(const std::filesystem::path& dir, std::string_view name) const;

  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

  const PublicKey& public_key() const { return public_key_; }
  std::string key_id() const { return KeyId(public_key_); }
  // 64-byte detached signature.
  std::string Sign(std::string_view message) const;

 private:
  SigningKey() = default;
  unsigned char* secret_ = nullptr;  // 64 bytes in sodium_malloc memory, owned
  PublicKey public_key_{};
};

}  // namespace intake::transfer
