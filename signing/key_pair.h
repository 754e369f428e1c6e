// Key pairs: Ed25519 for signatures, X25519 for sealing package keys to a recipient.
// The signing key and the encryption key are always separate pairs.
//
// Secret halves live in SecretBytes (sodium_malloc); the classes are move-only.
// Thread safety: const methods may be called concurrently.
#pragma once

#include <span>
#include <string>

#include "core/status.h"
#include "signing/key_types.h"
#include "signing/secret_bytes.h"

namespace intake::signing {

class SigningKeyPair {
 public:
  static Result<SigningKeyPair> Generate();
  // `secret` must hold kSignSecretKeySize bytes (libsodium layout: seed || public key);
  // kCorrupt when the embedded public key does not match the seed.
  static Result<SigningKeyPair> FromSecret(SecretBytes secret);

  const PublicKey& public_key() const { return public_key_; }
  std::string key_id() const { return KeyIdOf(public_key_); }
  const SecretBytes& secret() const { return secret_; }

  // Detached Ed25519 signature over `message`.
  Signature Sign(std::span<const uint8_t> message) const;

 private:
  SigningKeyPair(PublicKey pk, SecretBytes sk) : public_key_(pk), secret_(std::move(sk)) {}
  PublicKey public_key_{};
  SecretBytes secret_;
};

// True when `signature` is a valid Ed25519 signature of `message` by `key`.
bool VerifyEd25519(const PublicKey& key, std::span<const uint8_t> message,
                   const Signature& signature);

class BoxKeyPair {
 public:
  static Result<BoxKeyPair> Generate();
  // `secret` must hold kBoxSecretKeySize bytes; the public key is derived from it.
  static Result<BoxKeyPair> FromSecret(SecretBytes secret);

  const PublicKey& public_key() const { return public_key_; }
  std::string key_id() const { return KeyIdOf(public_key_); }
  const SecretBytes& secret() const { return secret_; }

 private:
  BoxKeyPair(PublicKey pk, SecretBytes sk) : public_key_(pk), secret_(std::move(sk)) {}
  PublicKey public_key_{};
  SecretBytes secret_;
};

}  // namespace intake::signing
