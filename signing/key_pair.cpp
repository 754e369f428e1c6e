#include "signing/key_pair.h"

#include <sodium.h>

#include <cstring>

#include "signing/sodium_init.h"

namespace intake::signing {

Result<SigningKeyPair> SigningKeyPair::Generate() {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  INTAKE_ASSIGN_OR_RETURN(SecretBytes sk, SecretBytes::Allocate(kSignSecretKeySize));
  PublicKey pk;
  crypto_sign_keypair(pk.data(), sk.data());
  return SigningKeyPair(pk, std::move(sk));
}

Result<SigningKeyPair> SigningKeyPair::FromSecret(SecretBytes secret) {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  if (secret.size() != kSignSecretKeySize) {
    return Corrupt("an Ed25519 secret key must be " + std::to_string(kSignSecretKeySize) +
                   " bytes, found " + std::to_string(secret.size()));
  }
  PublicKey pk;
  crypto_sign_ed25519_sk_to_pk(pk.data(), secret.data());
  // Re-derive from the seed so a damaged file is caught here, not as bad signatures later.
  INTAKE_ASSIGN_OR_RETURN(SecretBytes check, SecretBytes::Allocate(kSignSecretKeySize));
  PublicKey derived;
  crypto_sign_seed_keypair(derived.data(), check.data(), secret.data());
  if (sodium_memcmp(derived.data(), pk.data(), pk.size()) != 0) {
    return Corrupt("the Ed25519 secret key is damaged: its public half does not match its seed");
  }
  return SigningKeyPair(pk, std::move(secret));
}

Signature SigningKeyPair::Sign(std::span<const uint8_t> message) const {
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

bool VerifyEd25519(const PublicKey& key, std::span<const uint8_t> message,
                   const Signature& signature) {
  if (!InitSodium().ok()) return false;
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

Result<BoxKeyPair> BoxKeyPair::Generate() {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  INTAKE_ASSIGN_OR_RETURN(SecretBytes sk, SecretBytes::Allocate(kBoxSecretKeySize));
  PublicKey pk;
  crypto_box_keypair(pk.data(), sk.data());
  return BoxKeyPair(pk, std::move(sk));
}

Result<BoxKeyPair> BoxKeyPair::FromSecret(SecretBytes secret) {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  if (secret.size() != kBoxSecretKeySize) {
    return Corrupt("an X25519 secret key must be " + std::to_string(kBoxSecretKeySize) +
                   " bytes, found " + std::to_string(secret.size()));
  }
  PublicKey pk;
  if (crypto_scalarmult_base(pk.data(), secret.data()) != 0) {
    return Corrupt("the X25519 secret key is not usable");
  }
  return BoxKeyPair(pk, std::move(secret));
}

}  // namespace intake::signing
