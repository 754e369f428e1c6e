#include "signing/signer.h"

namespace intake::signing {

Result<DetachedSignature> Ed25519Signer::Sign(std::span<const uint8_t> message) const {
  Signature sig = key_.Sign(message);
  return DetachedSignature{algorithm(), key_id(), std::vector<uint8_t>(sig.begin(), sig.end())};
}

Status CheckEd25519(const PublicKey& key, const DetachedSignature& signature,
                    std::span<const uint8_t> message) {
  if (signature.algorithm != kAlgorithmEd25519) {
    return InvalidArgument("signature algorithm '" + signature.algorithm +
                           "' is not supported (expected ed25519)");
  }
  if (signature.bytes.size() != kSignatureSize) {
    return Corrupt("an Ed25519 signature has " + std::to_string(kSignatureSize) +
                   " bytes, found " + std::to_string(signature.bytes.size()));
  }
  Signature sig;
  std::copy(signature.bytes.begin(), signature.bytes.end(), sig.begin());
  if (!VerifyEd25519(key, message, sig)) {
    return Corrupt("the signature by key " + signature.key_id +
                   " does not match the signed bytes (altered after signing, or a forgery)");
  }
  return Status::Ok();
}

Status Ed25519Verifier::Verify(const DetachedSignature& signature,
                               std::span<const uint8_t> message) const {
  auto it = keys_.find(signature.key_id);
  if (it == keys_.end()) {
    return Status(Code::kPermissionDenied,
                  "signing key " + signature.key_id + " is not a trusted key");
  }
  return CheckEd25519(it->second, signature, message);
}

}  // namespace intake::signing
