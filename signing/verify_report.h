// The result of verifying a bag: every problem found, each naming the file, what was
// expected and what was found. Verification does not stop at the first error.
// Thread safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace intake::signing {

struct Finding {
  enum class Kind {
    kStructure,  // bagit.txt, tag file syntax, missing/extra files, unsafe paths, Payload-Oxum
    kChecksum,   // a file's digest differs from its manifest
    kSignature,  // missing, malformed or non-matching signature
    kTrust,      // signed by an unknown or revoked key
  };
  Kind kind = Kind::kStructure;
  std::string file;      // path inside the bag ("data/pages/0001.png", "bagit.txt"), or ""
  std::string problem;   // what is wrong
  std::string expected;  // may be empty
  std::string found;     // may be empty

  // "file: problem (expected X, found Y)"
  std::string ToString() const;
};

struct VerifyReport {
  std::vector<Finding> errors;
  std::vector<Finding> warnings;
  std::string bagit_version;   // "1.0"
  std::string case_id;         // External-Identifier, when present
  std::string signer_key_id;   // from the signature file, when present
  bool signature_verified = false;
  uint64_t payload_files = 0;
  uint64_t payload_bytes = 0;

  bool ok() const { return errors.empty(); }
  bool HasErrorOfKind(Finding::Kind kind) const;
};

}  // namespace intake::signing
