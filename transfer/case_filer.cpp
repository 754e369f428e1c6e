#include "transfer/case_filer.h"

#include <cerrno>
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/file_util.h"
#include "signing/receipt.h"
#include "signing/signer.h"
#include "signing/utc_time.h"
#include "transfer/digest.h"

namespace intake::transfer {

namespace fs = std::filesystem;

bool IsSafeCaseId(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '.') return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::unique_ptr<CaseFiler>> CaseFiler::Open(const fs::path& inbox,
                                                   const signing::SigningKeyPair& key,
                                                   std::string back_office, PackageVerifier verifier) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(inbox, 0750));
  if (back_office.empty()) back_office = "back-office";
  return std::unique_ptr<CaseFiler>(
      new CaseFiler(inbox, key, std::move(back_office), std::move(verifier)));
}

Result<std::optional<std::string>> CaseFiler::Find(const std::string& case_id) const {
  if (!IsSafeCaseId(case_id)) return InvalidArgument("malformed case id");
  auto text = ReadFile(inbox_ / case_id / "receipt.txt");
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return std::optional<std::string>();
    return text.status();
  }
  return std::optional<std::string>(std::move(*text));
}

std::vector<std::string> CaseFiler::List() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(inbox_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && IsSafeCaseId(name) && fs::exists(entry.path() / "receipt.txt"))
      out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<CaseFiler::FiledFile>> CaseFiler::Files(const std::string& case_id) const {
  if (!IsSafeCaseId(case_id)) return InvalidArgument("malformed case id");
  fs::path dir = inbox_ / case_id;
  std::error_code ec;
  if (!fs::exists(dir / "receipt.txt", ec)) return NotFound("case " + case_id + " was not filed here");
  std::vector<FiledFile> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    files.push_back({fs::relative(it->path(), dir, ec).generic_string(),
                     static_cast<int64_t>(it->file_size(ec))});
  }
  if (ec) return IoError("list case " + case_id + ": " + ec.message());
  std::sort(files.begin(), files.end(),
            [](const FiledFile& a, const FiledFile& b) { return a.path < b.path; });
  return files;
}

Result<std::string> CaseFiler::File(const fs::path& package_path, const std::string& case_id,
                                const std::string& expected_sha256, int64_t now) {
  if (!IsSafeCaseId(case_id))
    return InvalidArgument("case id '" + case_id + "' is not a valid case id");
  std::lock_guard<std::mutex> guard(mutex_);
  INTAKE_ASSIGN_OR_RETURN(std::string sha256, Sha256FileHex(package_path));
  if (!expected_sha256.empty() && sha256 != expected_sha256)
    return Corrupt("package for case " + case_id + " has SHA-256 " + sha256 + ", the sender declared " +
                   expected_sha256);

  INTAKE_ASSIGN_OR_RETURN(auto existing, Find(case_id));
  if (existing) {
    auto stored = signing::ParseReceipt(*existing);
    if (!stored.ok()) return stored.status().WithContext("stored receipt of case " + case_id);
    if (stored->package_hash != "sha256:" + sha256)
      return Status(Code::kAlreadyExists, "case " + case_id +
                                              " was already received with other content; it is kept "
                                              "as first received (seal a new case id to resend)");
    std::error_code ec;
    fs::remove(package_path, ec);  // the same bytes again: nothing new to file
    return *existing;
  }

  fs::path temp = inbox_ / (".incoming-" + case_id);
  std::error_code ec;
  fs::remove_all(temp, ec);  // leftovers of a crash mid-filing
  INTAKE_RETURN_IF_ERROR(MakeDirectories(temp, 0750));
  if (verifier_) {
    Status verified = verifier_(package_path, case_id, temp);
    if (!verified.ok()) {
      fs::remove_all(temp, ec);
      return verified.WithContext("package for case " + case_id + " rejected");
    }
  }
  if (std::rename(package_path.c_str(), (temp / "package.bin").c_str()) != 0)
    return ErrnoStatus("move package into " + temp.string(), errno);
  signing::Ed25519Signer signer(key_);
  INTAKE_ASSIGN_OR_RETURN(
      std::string receipt,
      signing::SignReceipt({case_id, "sha256:" + sha256, FormatUtc(now), back_office_, "filed", ""},
                           signer));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(temp / "receipt.txt", receipt, 0640));
  INTAKE_RETURN_IF_ERROR(SyncDirectory(temp));
  if (std::rename(temp.c_str(), (inbox_ / case_id).c_str()) != 0)
    return ErrnoStatus("file case into " + (inbox_ / case_id).string(), errno);
  INTAKE_RETURN_IF_ERROR(SyncDirectory(inbox_));
  return receipt;
}

std::string FormatUtc(int64_t unix_seconds) {
  return signing::FormatUtc(signing::Clock::from_time_t(static_cast<std::time_t>(unix_seconds)));
}

}  // namespace intake::transfer
