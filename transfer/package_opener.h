// The receiver's PackageVerifier backed by the signing library: decrypts the package with
// the back office's box key (bound to the case id the upload claims), then verifies the bag
// (structure, every checksum, Payload-Oxum, the workstation's signature against the enrolled
// keys of the trust store). The decrypted bag lands in <case_dir>/bag/.
//
// Thread safety: the returned function may be called from several threads; it re-reads the
// trust store file on every call so enrolments and revocations act at once.
#pragma once

#include <filesystem>

#include "signing/key_store.h"
#include "transfer/case_filer.h"

namespace intake::transfer {

// `keys` is borrowed and must outlive the verifier.
PackageVerifier SigningPackageVerifier(const signing::KeyStore& keys,
                                       std::filesystem::path trust_store);

}  // namespace intake::transfer
