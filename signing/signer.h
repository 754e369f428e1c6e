// Signer and Verifier: the seam between "what is signed" (the exact bytes of a bag's
// tagmanifest-sha512.txt, a receipt) and "how it is signed". Ed25519 with a workstation key
// is implemented here; a qualified electronic signature (КЕП) signer can implement Signer
// later and sign the same bytes.
//
// Thread safety: implementations here are immutable after construction; const methods may
// be called concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/key_pair.h"

namespace intake::signing {

inline constexpr std::string_view kAlgorithmEd25519 = "ed25519";

struct DetachedSignature {
  std::string algorithm;       // "ed25519"
  std::string key_id;          // KeyIdOf(the signer's public key)
  std::vector<uint8_t> bytes;  // the raw signature
};

class Signer {
 public:
  virtual ~Signer() = default;
  virtual std::string algorithm() const = 0;
  virtual std::string key_id() const = 0;
  // Signs exactly `message`. Fails only when the signing device does (e.g. a КЕП token).
  virtual Result<DetachedSignature> Sign(std::span<const uint8_t> message) const = 0;
};

// Signs with a workstation's or back office's Ed25519 key. Borrows `key`, which must outlive
// the signer.
class Ed25519Signer final : public Signer {
 public:
  explicit Ed25519Signer(const SigningKeyPair& key) : key_(key) {}
  std::string algorithm() const override { return std::string(kAlgorithmEd25519); }
  std::string key_id() const override { return key_.key_id(); }
  Result<DetachedSignature> Sign(std::span<const uint8_t> message) const override;

 private:
  const SigningKeyPair& key_;
};

class Verifier {
 public:
  virtual ~Verifier() = default;
  // OK when `signature` is valid over `message` by a key this verifier trusts.
  // kPermissionDenied: unknown or revoked key id (the message names which);
  // kCorrupt: the signature does not match the bytes; kInvalidArgument: unknown algorithm.
  virtual Status Verify(const DetachedSignature& signature,
                        std::span<const uint8_t> message) const = 0;
};

// Trusts a fixed set of Ed25519 public keys (e.g. the one configured back office).
class Ed25519Verifier final : public Verifier {
 public:
  Ed25519Verifier() = default;
  explicit Ed25519Verifier(const PublicKey& key) { Add(key); }
  void Add(const PublicKey& key) { keys_[KeyIdOf(key)] = key; }
  Status Verify(const DetachedSignature& signature,
                std::span<const uint8_t> message) const override;

 private:
  std::map<std::string, PublicKey> keys_;
};

// Checks one Ed25519 signature against one key; shared by verifiers (kCorrupt on mismatch).
Status CheckEd25519(const PublicKey& key, const DetachedSignature& signature,
                    std::span<const uint8_t> message);

// The bytes of a string as a span, for Sign/Verify.
inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace intake::signing
