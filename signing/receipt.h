// Delivery receipts: the back office signs one for every package it filed; the workstation
// verifies it with the configured back office's key before marking the case delivered.
//
// Blob format (UTF-8 text, LF line ends, fields in this order):
//   intake-receipt/1
//   case_id: 20261123-WS01-0007
//   package_hash: sha256:<hex>          (algorithm-prefixed hash of the package file as received)
//   received_at: 2026-11-23T10:30:00Z
//   back_office: uszn-district-1
//   status: filed                       (free word chosen by the receiver, e.g. filed, duplicate)
//   key_id: <16 hex>
//   signature: <base64 Ed25519 over every byte before the "signature: " line>
// Thread safety: pure functions (the Signer/Verifier contracts apply).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "signing/signer.h"

namespace intake::signing {

struct Receipt {
  std::string case_id;
  std::string package_hash;  // "sha256:<hex>"
  std::string received_at;   // UTC ISO 8601
  std::string back_office;
  std::string status = "filed";
  std::string key_id;        // filled by Parse/Verify: the signer's key id
};

// kInvalidArgument when a field is empty or holds a line break.
Result<std::string> SignReceipt(const Receipt& receipt, const Signer& signer);

// Parses without checking the signature (for display). kInvalidArgument when malformed.
Result<Receipt> ParseReceipt(std::string_view blob);

// Parses and checks the signature through `verifier` (e.g. Ed25519Verifier with the back
// office's sign_public). kCorrupt for a bad signature, kPermissionDenied for a foreign key.
Result<Receipt> VerifyReceipt(std::string_view blob, const Verifier& verifier);

}  // namespace intake::signing
