// Encrypted packages: a sealed bag as one file, for transit and for rest in the spool.
//
// EncryptPackage streams the bag (bag_stream.h) through crypto_secretstream_xchacha20poly1305
// under a fresh random key; that key is sealed to the back office's X25519 public key with
// crypto_box_seal together with the case id, and the case id is bound to every frame as
// additional data (package_header.h has the byte layout). Memory is flat in the bag size.
//
// DecryptPackage names each failure (PackageFault) in the Status message and in *fault:
// a truncated file, reordered or missing frames, a flipped bit, a package for another
// recipient, a package for another case. Output is written to "<out_dir>.partial" and renamed
// only after the FINAL frame authenticated: a failed decryption leaves no out_dir behind.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"
#include "signing/key_pair.h"
#include "signing/key_types.h"

namespace intake::signing {

enum class PackageFault {
  kNone,
  kNotAPackage,         // no magic / unsupported version / malformed header
  kWrongRecipient,      // sealed to another X25519 key than the one given
  kWrongCaseId,         // header case id differs from the expected one, or from the sealed one
  kTampered,            // a frame (or the header it binds) failed authentication: flipped bits
  kReordered,           // frames out of order, or one missing from the middle
  kTruncated,           // the file ends before the FINAL frame
  kTrailingData,        // bytes after the FINAL frame
  kBadContent,          // authenticated plaintext is not a valid bag stream (sender bug)
  kIo,                  // local read/write failure
};
std::string_view PackageFaultName(PackageFault fault);  // "truncated", "tampered", ...

struct PackageInfo {
  std::string case_id;
  std::string recipient_key_id;  // 16 hex
  uint64_t package_bytes = 0;    // size of the package file
  uint64_t payload_bytes = 0;    // plaintext bag stream bytes
  uint64_t files = 0;            // files in the bag
};

// Encrypts bag_dir into out_file (written as out_file.partial, fsynced, renamed).
// REQUIRES: IsValidCaseId(case_id).
Result<PackageInfo> EncryptPackage(const std::filesystem::path& bag_dir,
                                   const PublicKey& recipient_box_public,
                                   std::string_view case_id,
                                   const std::filesystem::path& out_file);

// Decrypts `package` into the new directory out_bag_dir (must not exist).
// expected_case_id: empty accepts the package's own case id (still checked against the sealed
// one); otherwise a different id is kWrongCaseId. Failures are kCorrupt (kPermissionDenied for
// kWrongRecipient, kIoError/kResourceExhausted for kIo) with the fault's name first.
Result<PackageInfo> DecryptPackage(const std::filesystem::path& package,
                                   const BoxKeyPair& recipient, std::string_view expected_case_id,
                                   const std::filesystem::path& out_bag_dir,
                                   PackageFault* fault = nullptr);

// Reads only the clear-text header (case id, recipient key id); needs no key.
Result<PackageInfo> ReadPackageInfo(const std::filesystem::path& package);

}  // namespace intake::signing
