// CaseFiler: files completed packages into the back office's inbox and issues receipts.
//
// Inbox layout, one folder per case (created by an atomic rename of a temp folder):
//   <inbox>/<case_id>/package.bin    the encrypted package exactly as received
//   <inbox>/<case_id>/receipt.txt    the signed receipt (signing/receipt.h blob)
//   <inbox>/<case_id>/...            whatever the PackageVerifier unpacked (e.g. bag/)
// Filing is idempotent: the same case with the same bytes again returns the stored receipt
// and files nothing; the same case id with other bytes is refused (kAlreadyExists).
//
// Thread safety: File() serialises itself; Find()/List() may run concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/key_pair.h"

namespace intake::transfer {

// Opens and checks a complete package before it is filed (decrypt, verify the bag and its
// signature against enrolled keys). It may write what it unpacks into `case_dir` (a fresh
// folder that becomes the case's inbox folder). A non-OK Status rejects the package.
using PackageVerifier = std::function<Status(const std::filesystem::path& package,
                                             const std::string& case_id,
                                             const std::filesystem::path& case_dir)>;

// Case ids appear in paths: letters, digits, '.', '_', '-', not starting with '.'.
bool IsSafeCaseId(std::string_view case_id);

// "2026-11-23T10:21:00Z" for a Unix time (signing::FormatUtc, the one formatter).
std::string FormatUtc(int64_t unix_seconds);

class CaseFiler {
 public:
  // `receipt_key` (the back office's signing key) is borrowed and must outlive the filer;
  // `back_office` names it in receipts. `verifier` may be empty (then only completeness and
  // the SHA-256 are checked).
  static Result<std::unique_ptr<CaseFiler>> Open(const std::filesystem::path& inbox,
                                                 const signing::SigningKeyPair& receipt_key,
                                                 std::string back_office, PackageVerifier verifier);

  // Moves the package at `package_path` into the inbox as case `case_id` and returns the
  // receipt blob. kCorrupt when the SHA-256 differs from `expected_sha256` (if given), the
  // verifier's Status when it rejects the package.
  Result<std::string> File(const std::filesystem::path& package_path, const std::string& case_id,
                       const std::string& expected_sha256, int64_t now);
  // The stored receipt of a filed case, nullopt if none.
  Result<std::optional<std::string>> Find(const std::string& case_id) const;
  // Filed case ids, sorted.
  std::vector<std::string> List() const;
  struct FiledFile {
    std::string path;  // relative to the case folder, '/'-separated
    int64_t size = 0;
  };
  // What a filed case holds (package.bin, receipt.txt, the unpacked bag...), sorted by path;
  // kNotFound when the case was not filed, kInvalidArgument for a malformed id.
  Result<std::vector<FiledFile>> Files(const std::string& case_id) const;
  const std::filesystem::path& inbox() const { return inbox_; }

 private:
  CaseFiler(std::filesystem::path inbox, const signing::SigningKeyPair& key, std::string back_office,
            PackageVerifier verifier)
      : inbox_(std::move(inbox)), key_(key), back_office_(std::move(back_office)),
        verifier_(std::move(verifier)) {}
  std::filesystem::path inbox_;
  const signing::SigningKeyPair& key_;
  std::string back_office_;
  PackageVerifier verifier_;
  std::mutex mutex_;
};

}  // namespace intake::transfer
