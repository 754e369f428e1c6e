// Receipt: the back office's signed statement "I received case X as the package with
// SHA-256 H at time T". The receiver issues it when a package is filed; the workstation marks
// a package delivered only after VerifyReceipt() accepts it.
//
// Wire form: compact JSON
//   {"v":1,"case_id":..,"package_sha256":..,"received_at":"2026-11-23T10:21:00Z",
//    "key_id":..,"signature":"<base64 Ed25519 over SignedBytes()>"}
// carried in the "Intake-Receipt" response header as base64 of that JSON, and as the body of
// GET /receipts/<case id>.
//
// Thread safety: value type.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "transfer/ed25519.h"

namespace intake::transfer {

struct Receipt {
  std::string case_id;
  std::string package_sha256;  // lower-case hex of the whole encrypted package
  std::string received_at;     // RFC 3339 UTC
  std::string key_id;          // KeyId() of the back-office public key
  std::string signature;       // raw 64 bytes

  // The exact bytes the signature covers.
  std::string SignedBytes() const;
  std::string ToJson() const;
  static Result<Receipt> FromJson(std::string_view json);
};

Receipt IssueReceipt(const SigningKey& key, std::string case_id, std::string package_sha256,
                     std::string received_at);

// OK when the signature verifies under `back_office_key` and the receipt names `case_id` and
// `package_sha256`; kPermissionDenied for a bad signature/unknown key, kCorrupt for a
// receipt about other bytes.
Status VerifyReceipt(const Receipt& receipt, const PublicKey& back_office_key,
                     std::string_view case_id, std::string_view package_sha256);

// "2026-11-23T10:21:00Z" for a Unix time.
std::string FormatUtc(int64_t unix_seconds);

}  // namespace intake::transfer
