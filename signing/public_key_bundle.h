// PublicKeyBundle: the public half of a party's keys as exchanged between offices
// (`intake keys export`). A workstation enrols at the back office with its bundle; the
// back office hands its bundle to each workstation, which then trusts it.
//
// File format (JSON, UTF-8):
//   {"format": "intake-public-keys/1", "role": "workstation" | "back-office",
//    "name": "WS01", "created_at": "2026-11-23T10:00:00Z",
//    "sign_public": "<64 hex>", "sign_key_id": "<16 hex>",
//    "box_public": "<64 hex>", "box_key_id": "<16 hex>"}
// Key ids are recomputed on parse; a mismatch is kCorrupt.
// Thread safety: value type.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "signing/key_types.h"

namespace intake::signing {

inline constexpr std::string_view kRoleWorkstation = "workstation";
inline constexpr std::string_view kRoleBackOffice = "back-office";

struct PublicKeyBundle {
  std::string role;        // kRoleWorkstation or kRoleBackOffice
  std::string name;        // workstation id ("WS01") or back-office id ("uszn-district-1")
  std::string created_at;  // UTC, ISO 8601
  PublicKey sign_public{};  // Ed25519
  PublicKey box_public{};   // X25519

  std::string sign_key_id() const { return KeyIdOf(sign_public); }
  std::string box_key_id() const { return KeyIdOf(box_public); }

  std::string ToJson() const;
  // kInvalidArgument on malformed JSON or missing fields, kCorrupt on key id mismatch.
  static Result<PublicKeyBundle> FromJson(std::string_view json);
};

}  // namespace intake::signing
