// TrustStore: the back office's register of enrolled workstation signing keys, with
// revocation. The receiver verifies every bag signature through it.
//
// A revoked key is rejected for every signature, whatever date the bag claims (the date is
// written by the signer, so it cannot prove the signature predates the revocation). Enrolling
// the same key again is a no-op; a revoked key cannot be enrolled again (rotate instead).
//
// File (JSON, written atomically):
//   {"format": "intake-trust-store/1", "keys": [{"key_id", "name", "sign_public",
//     "box_public", "enrolled_at", "revoked_at" (null or UTC), "revocation_reason"}]}
// Thread safety: not thread-safe for mutation; Verify on a const store may run concurrently.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/public_key_bundle.h"
#include "signing/signer.h"

namespace intake::signing {

struct TrustedKey {
  std::string key_id;  // KeyIdOf(sign_public)
  std::string name;    // workstation id
  PublicKey sign_public{};
  PublicKey box_public{};
  std::string enrolled_at;
  std::optional<std::string> revoked_at;
  std::string revocation_reason;
};

class TrustStore final : public Verifier {
 public:
  // A missing file is an empty store (created by Save). kInvalidArgument/kCorrupt when the
  // file is malformed.
  static Result<TrustStore> Load(const std::filesystem::path& path);

  // Enrols a workstation's exported keys. kInvalidArgument for a back-office bundle,
  // kFailedPrecondition for a revoked key.
  Status Enroll(const PublicKeyBundle& workstation, std::string_view enrolled_at);
  // kNotFound when key_id is not enrolled. Revoking twice keeps the first time.
  Status Revoke(std::string_view key_id, std::string_view reason, std::string_view revoked_at);
  Status Save() const;

  // nullptr when unknown.
  const TrustedKey* Find(std::string_view key_id) const;
  const std::vector<TrustedKey>& keys() const { return keys_; }
  const std::filesystem::path& path() const { return path_; }

  // Verifier: kPermissionDenied for an unknown or revoked key (naming it and when it was
  // revoked), kCorrupt for a bad signature.
  Status Verify(const DetachedSignature& signature,
                std::span<const uint8_t> message) const override;

  // Parses/serialises the file content (exposed for the fuzz target and tests).
  static Result<std::vector<TrustedKey>> ParseJson(std::string_view json);
  std::string ToJson() const;

 private:
  std::filesystem::path path_;
  std::vector<TrustedKey> keys_;
};

}  // namespace intake::signing
