// The detached signature file of a sealed bag.
//
// The signature covers the exact bytes of tagmanifest-sha512.txt, which lists (with SHA-512)
// bagit.txt, bag-info.txt, case.json and manifest-sha512.txt; the payload manifest in turn
// lists every file under data/. So one signature covers every byte of the bag. The signature
// cannot sit inside what it signs, so its file, tagmanifest-sha512.txt.sig, is a tag file
// that no manifest lists (RFC 8493 allows unlisted tag files).
//
// File format (UTF-8, "Label: value" lines, in this order):
//   Signature-Format: intake-detached/1
//   Algorithm: ed25519
//   Key-Id: <16 hex>
//   Signed-File: tagmanifest-sha512.txt
//   Signature: <base64 of the raw signature>
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "signing/signer.h"

namespace intake::signing {

inline constexpr std::string_view kSignedTagManifest = "tagmanifest-sha512.txt";
inline constexpr std::string_view kBagSignatureFile = "tagmanifest-sha512.txt.sig";

std::string FormatBagSignature(const DetachedSignature& signature);
// kInvalidArgument naming the bad line/field.
Result<DetachedSignature> ParseBagSignature(std::string_view text);

}  // namespace intake::signing
