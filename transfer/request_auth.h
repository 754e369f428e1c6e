// Workstation authentication of tus requests: each request carries
//   Intake-Key-Id: <workstation key id>
//   Intake-Date: <Unix seconds>
//   Intake-Signature: base64 Ed25519 over RequestSignedBytes(...)
// The receiver checks the key against its trust store (enrolled, not revoked) and the date
// against its clock within a tolerance, so a captured request cannot be replayed later.
//
// Thread safety: value types / const functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "transfer/ed25519.h"

namespace intake::transfer {

// The bytes a request signature covers: method, path, date and the tus offset/length headers
// (empty when absent), each on its own line.
std::string RequestSignedBytes(std::string_view method, std::string_view path,
                               std::string_view date, std::string_view upload_offset,
                               std::string_view upload_length);

// The three headers ("Name: value") for a request signed with `key` at `now`.
std::vector<std::string> SignRequest(const SigningKey& key, std::string_view method,
                                     std::string_view path, int64_t now,
                                     std::string_view upload_offset, std::string_view upload_length);

// The path component of a URL ("http://h:1/files/x?y" -> "/files/x").
std::string UrlPath(std::string_view url);

}  // namespace intake::transfer
