// VerifyBag: checks a BagIt bag (0.93–0.97 and 1.0, RFC 8493) and, for intake bags, its
// signature and the signer's trust.
//
// Checks: bagit.txt; tag file encoding; every payload and tag manifest (md5, sha1, sha224,
// sha256, sha384, sha512); every file under data/ listed (in every manifest for 1.0); no
// listed file missing (unless fetch.txt lists it); paths that escape the bag ('..', absolute,
// '~', drive letters, UNC) rejected in manifests and fetch.txt; duplicate entries;
// Payload-Oxum; then the detached signature over tagmanifest-sha512.txt (bag_signature.h)
// through `verifier`, and that the signed tag manifest covers every other tag file.
// Warnings (bag still valid): md5sum-style '*' markers, "./" prefixes, entries that match a
// file only up to case or Unicode normalization, OS junk files (.DS_Store, Thumbs.db),
// duplicate identical entries in 0.97, a signature present but not checked.
// Thread safety: reentrant.
#pragma once

#include <filesystem>
#include <string>

#include "signing/signer.h"
#include "signing/verify_report.h"

namespace intake::signing {

struct VerifyOptions {
  const Verifier* verifier = nullptr;  // borrowed; null: a signature is reported unchecked
  bool require_signature = false;      // true for intake e-case bags
  std::string expected_case_id;        // non-empty: External-Identifier and case.json must match
};

VerifyReport VerifyBag(const std::filesystem::path& bag_dir, const VerifyOptions& options = {});

}  // namespace intake::signing
