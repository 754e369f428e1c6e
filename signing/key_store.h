// KeyStore: one party's keys on disk (a workstation or a back office).
//
// Directory layout (the directory is 0700; secret files 0600, written atomically):
//   sign.key          Ed25519 secret key, 64 raw bytes (libsodium layout)
//   box.key           X25519 secret key, 32 raw bytes
//   identity.json     this party's PublicKeyBundle (what `intake keys export` prints)
//   back-office.json  workstation only: the trusted back office's PublicKeyBundle
//   retired/<UTC>-<sign key id>/   earlier keys after `rotate` (same file names)
// Open() refuses secret files or a directory readable by group or others (kPermissionDenied).
//
// Thread safety: const methods may be called concurrently; Rotate/TrustBackOffice are not
// safe against concurrent use of the same directory by another process.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/status.h"
#include "signing/key_pair.h"
#include "signing/public_key_bundle.h"

namespace intake::signing {

// The key directory when none is given: $INTAKE_KEYS_DIR, else /var/lib/intake/keys.
std::filesystem::path DefaultKeyDir();

class KeyStore {
 public:
  // Creates `dir` (0700) with fresh signing and encryption key pairs.
  // kAlreadyExists when `dir` already holds keys (nothing is overwritten).
  static Result<KeyStore> Init(const std::filesystem::path& dir, std::string_view role,
                               std::string_view name);
  // Loads the keys; kNotFound when there are none (run `intake keys init`).
  static Result<KeyStore> Open(const std::filesystem::path& dir);

  // Replaces both key pairs with fresh ones; the old files move to retired/. The new public
  // bundle must be enrolled again by the other side.
  Status Rotate();

  // Workstation: stores the back office's public keys as the trusted recipient and receipt
  // signer (replacing any earlier one).
  Status TrustBackOffice(const PublicKeyBundle& back_office);
  // kNotFound when no back office is configured.
  Result<PublicKeyBundle> BackOffice() const;

  // The X25519 key pair whose key id is `box_key_id`: the current one or one kept in retired/
  // by Rotate, so packages sealed to a back office before it rotated still open.
  // kNotFound when no such key is held here.
  Result<BoxKeyPair> BoxKeyFor(std::string_view box_key_id) const;

  const std::filesystem::path& dir() const { return dir_; }
  const PublicKeyBundle& identity() const { return identity_; }
  const SigningKeyPair& signing_key() const { return *signing_; }
  const BoxKeyPair& box_key() const { return *box_; }

 private:
  KeyStore() = default;
  static Status WriteKeys(const std::filesystem::path& dir, const SigningKeyPair& sign,
                          const BoxKeyPair& box, const PublicKeyBundle& identity);

  std::filesystem::path dir_;
  PublicKeyBundle identity_;
  std::optional<SigningKeyPair> signing_;
  std::optional<BoxKeyPair> box_;
};

}  // namespace intake::signing
