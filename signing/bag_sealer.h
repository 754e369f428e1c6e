// SealCase: turns a case folder (docs/case-layout.md) into a signed BagIt 1.0 bag.
//
// Bag layout:
//   bagit.txt                    BagIt-Version: 1.0, Tag-File-Character-Encoding: UTF-8
//   data/...                     every file of the case folder except its top-level case.json,
//                                byte for byte, same relative paths (pages/, ocr/, documents/,
//                                brought/ ...)
//   case.json                    the case folder's case.json, byte for byte (a tag file)
//   manifest-sha512.txt          SHA-512 of every file under data/
//   bag-info.txt                 Bag-Software-Agent, Bagging-Date, External-Identifier (case id),
//                                Payload-Oxum, Workstation-Key-Id, Signature-Algorithm
//   tagmanifest-sha512.txt       SHA-512 of bagit.txt, bag-info.txt, case.json, manifest-sha512.txt
//   tagmanifest-sha512.txt.sig   detached signature over tagmanifest-sha512.txt (bag_signature.h)
//
// The bag is built in "<bag_dir>.partial", every file fsynced, then renamed to bag_dir: after
// OK the bag is complete and durable; after a failure bag_dir does not exist and the case
// folder is untouched. Memory stays flat: files are linked or copied, and hashed, in 256 KiB
// blocks.
// Thread safety: reentrant; distinct bag_dirs may be sealed concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/status.h"
#include "signing/signer.h"
#include "signing/utc_time.h"

namespace intake::signing {

struct SealOptions {
  Clock::time_point bagging_time = Clock::now();
  std::string software_agent = "intake 0.1.0";
  // Hard-link payload files into the bag instead of copying them when the case folder and
  // the bag are on one filesystem (falls back to copying). The case-folder contract (stages
  // add files, never rewrite them; case.json is replaced by rename) makes sharing the inodes
  // safe, and a later in-place change would still be caught by the bag's checksums.
  bool link_payload = true;
};

struct SealResult {
  std::filesystem::path bag_dir;
  std::string case_id;
  std::string key_id;          // Workstation-Key-Id (the signer's key id)
  uint64_t payload_bytes = 0;  // Payload-Oxum octets
  uint64_t payload_files = 0;  // Payload-Oxum stream count
};

// REQUIRES: case_dir holds a case.json with a valid case_id; bag_dir does not exist.
// Fails with kNotFound (no case folder / case.json), kInvalidArgument (bad case.json, a symlink
// or special file in the case folder), kAlreadyExists (bag_dir exists), kIoError /
// kResourceExhausted (disk), or the signer's error.
Result<SealResult> SealCase(const std::filesystem::path& case_dir,
                            const std::filesystem::path& bag_dir, const Signer& signer,
                            const SealOptions& options = {});

}  // namespace intake::signing
