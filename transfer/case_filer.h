// CaseFiler: files completed packages into the back office's inbox and issues receipts.
//
// Inbox layout, one folder per case (created by an atomic rename of a temp folder):
//   <inbox>/<case_id>/package.bin    the encrypted package exactly as received
//   <inbox>/<case_id>/receipt.json   the signed receipt (Receipt::ToJson)
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
#include "transfer/receipt.h"

namespace intake::transfer {

// Opens and checks a complete package before it is filed (decrypt, verify the bag and its
// signature against enrolled keys). It may write what it unpacks into `case_dir` (a fresh
// folder that becomes the case's inbox folder). A non-OK Status rejects the package.
using PackageVerifier = std::function<Status(const std::filesystem::path& package,
                                             const std::string& case_id,
                                             const std::filesystem::path& case_dir)>;

// Case ids appear in paths: letters, digits, '.', '_', '-', not starting with '.'.
bool IsSafeCaseId(std::string_view case_id);

class CaseFiler {
 public:
  // `receipt_key` is borrowed and must outlive the filer. `verifier` may be empty (then only
  // completeness and the SHA-256 are checked).
  static Result<std::unique_ptr<CaseFiler>> Open(const std::filesystem::path& inbox,
                                                 const SigningKey& receipt_key,
                                                 PackageVerifier verifier);

  // Moves the package at `package_path` into the inbox as case `case_id` and returns the
  // receipt. kCorrupt when the SHA-256 differs from `expected_sha256` (if given), the
  // verifier's Status when it rejects the package.
  Result<Receipt> File(const std::filesystem::path& package_path, const std::string& case_id,
                       const std::string& expected_sha256, int64_t now);
  // The stored receipt of a filed case, nullopt if none.
  Result<std::optional<Receipt>> Find(const std::string& case_id) const;
  // Filed case ids, sorted.
  std::vector<std::string> List() const;
  const std::filesystem::path& inbox() const { return inbox_; }

 private:
  CaseFiler(std::filesystem::path inbox, const SigningKey& key, PackageVerifier verifier)
      : inbox_(std::move(inbox)), key_(key), verifier_(std::move(verifier)) {}
  std::filesystem::path inbox_;
  const SigningKey& key_;
  PackageVerifier verifier_;
  std::mutex mutex_;
};

}  // namespace intake::transfer
