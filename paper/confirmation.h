// PaperConfirmation: what the back office tells the workstation after it received and
// reconciled a transmittal register, and its signed wire form.
//
// Wire form (UTF-8 JSON):
//   {"type":"intake.paper-confirmation/2","algorithm":"ed25519","key_id":"<16 hex>",
//    "payload":"<JSON text>","signature":"<base64 over the exact bytes of payload>"}
// The payload is carried as a string so that the signed bytes are exactly the bytes verified.
// One key management for the whole product: the back office signs with the signing key of its
// KeyStore (signing/key_store.h, the key that signs delivery receipts), through signing::Signer;
// the workstation verifies with the back office it trusts in its own KeyStore
// (KeyStore::BackOffice().sign_public, the key that verifies receipts). Key ids are
// signing::KeyIdOf. Contains ids only: no personal data.
//
// Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/signer.h"

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

// The back office's Ed25519 public key (signing::PublicKey).
using Ed25519PublicKey = signing::PublicKey;

// The wire form, signed by `signer` (e.g. signing::Ed25519Signer over the back office's
// KeyStore::signing_key()). Fails only when the signer does.
Result<std::string> SignConfirmation(const PaperConfirmation& confirmation,
                                     const signing::Signer& signer);

// Parses and verifies a wire message. kCorrupt for a malformed message or a bad signature,
// kPermissionDenied for a key the verifier does not trust.
Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const signing::Verifier& verifier);
// Same, trusting exactly `trusted` (e.g. {KeyStore::BackOffice()->sign_public}).
Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const std::vector<Ed25519PublicKey>& trusted);

std::string ConfirmationToJson(const PaperConfirmation& confirmation);
Result<PaperConfirmation> ConfirmationFromJson(const std::string& json);

}  // namespace intake::paper
