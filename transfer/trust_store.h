// TrustStore: the receiver's list of enrolled workstation keys, with revocation, and the check
// of a signed request (see request_auth.h).
//
// On disk, re-read on every lookup so that a revocation takes effect at once:
//   <dir>/enrolled/<key_id>.pub   the workstation's public key (hex)
//   <dir>/revoked/<key_id>        present = revoked (content: reason)
//
// Thread safety: safe from many threads (no cached state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "transfer/ed25519.h"
#include "transfer/http_server.h"

namespace intake::transfer {

class TrustStore {
 public:
  static Result<std::unique_ptr<TrustStore>> Open(const std::filesystem::path& dir);

  // Returns the key id.
  Result<std::string> Enroll(const PublicKey& key);
  Status Revoke(std::string_view key_id, std::string_view reason);
  // The enrolled key; kPermissionDenied when unknown or revoked.
  Result<PublicKey> Lookup(std::string_view key_id) const;

  // Checks the Intake-* headers of `head` (upload offset/length included): known key, not
  // revoked, |date - now| <= tolerance, signature valid. Returns the key id.
  Result<std::string> CheckRequest(const HttpRequestHead& head, int64_t now,
                                   int64_t tolerance_seconds) const;

 private:
  explicit TrustStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
};

}  // namespace intake::transfer
