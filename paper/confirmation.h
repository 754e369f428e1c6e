// PaperConfirmation: what the back office tells the workstation after it received and
// reconciled a transmittal register, and its signed wire form.
//
// Wire form (UTF-8 JSON):
//   {"type":"intake.paper-confirmation/1","key_id":"<hex>","payload":"<JSON text>",
//    "signature":"<base64 Ed25519 over the exact bytes of payload>"}
// The payload is carried as a string so that the signed bytes are exactly the bytes verified.
// The back office signs with its Ed25519 key (libsodium); the workstation verifies with the
// back-office public key it trusts. Contains ids only: no personal data.
//
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::paper {

enum class ItemOutcome { kReceived, kMissing, kExtra };

struct ConfirmedItem {
  std::string item_id;
  std::string case_id;
  ItemOutcome outcome = ItemOutcome::kReceived;
};

struct PaperConfirmation {
  std::string confirmation_id;   // unique per message (register id + receipt time)
  std::string register_id;
  std::string back_office;
  std::string received_at;       // UTC instant
  std::string received_by;       // clerk id
  std::string reconciled_at;     // UTC instant
  std::vector<ConfirmedItem> items;
  std::vector<std::string> cases_without_ecase;  // paper came, the e-case did not
  bool register_received_before = false;         // a second receipt of the same register
};

using Ed25519PublicKey = std::array<uint8_t, 32>;

// Holds an Ed25519 secret key in sodium_malloc'd memory (locked, wiped on destruction).
class ConfirmationSigner {
 public:
  // seed: 32 bytes. The key id is hex of the first 8 bytes of BLAKE2b(public key).
  static Result<ConfirmationSigner> FromSeed(const std::array<uint8_t, 32>& seed);
  static Result<ConfirmationSigner> Generate();
  ~ConfirmationSigner();
  ConfirmationSigner(ConfirmationSigner&& other) noexcept;
  ConfirmationSigner& operator=(ConfirmationSigner&& other) noexcept;
  ConfirmationSigner(const ConfirmationSigner&) = delete;
  ConfirmationSigner& operator=(const ConfirmationSigner&) = delete;

  const Ed25519PublicKey& public_key() const { return public_key_; }
  std::string key_id() const;
  Result<std::string> Sign(const PaperConfirmation& confirmation) const;  // the wire form

 private:
  ConfirmationSigner() = default;
  unsigned char* secret_ = nullptr;  // 64 bytes, sodium_malloc
  Ed25519PublicKey public_key_{};
};

std::string KeyIdOf(const Ed25519PublicKey& key);

// Parses and verifies a wire message against the trusted back-office keys. kCorrupt for a
// malformed message or a bad signature, kPermissionDenied for a key that is not trusted.
Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const std::vector<Ed25519PublicKey>& trusted);

std::string ConfirmationToJson(const PaperConfirmation& confirmation);
Result<PaperConfirmation> ConfirmationFromJson(const std::string& json);

}  // namespace intake::paper
