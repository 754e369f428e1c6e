// Workstation authentication of tus requests: each request carries
//   Intake-Key-Id: <workstation signing key id>
//   Intake-Date: <Unix seconds>
//   Intake-Signature: base64 Ed25519 over RequestSignedBytes(...)
// The receiver checks the key against the back office's trust store (signing::TrustStore:
// enrolled, not revoked) and the date against its clock within a tolerance, so a captured
// request cannot be replayed later and a revoked workstation is refused at once.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "signing/key_pair.h"
#include "signing/trust_store.h"
#include "transfer/http_server.h"

namespace intake::transfer {

// The bytes a request signature covers: method, path, date and the tus offset/length headers
// (empty when absent), each on its own line.
std::string RequestSignedBytes(std::string_view method, std::string_view path,
                               std::string_view date, std::string_view upload_offset,
                               std::string_view upload_length);

// The three headers ("Name: value") for a request signed with `key` at `now`.
std::vector<std::string> SignRequest(const signing::SigningKeyPair& key, std::string_view method,
                                     std::string_view path, int64_t now,
                                     std::string_view upload_offset, std::string_view upload_length);

// Checks the Intake-* headers of `head`: known, unrevoked key; |date - now| <= tolerance;
// valid signature. Returns the key id; kPermissionDenied with the reason otherwise.
Result<std::string> CheckSignedRequest(const HttpRequestHead& head,
                                       const signing::TrustStore& trust, int64_t now,
                                       int64_t tolerance_seconds);

// The path component of a URL ("http://h:1/files/x?y" -> "/files/x").
std::string UrlPath(std::string_view url);

}  // namespace intake::transfer
