#include "transfer/case_filer.h"

#include <cerrno>
#include <algorithm>
#include <cstdio>

#include "core/file_util.h"
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

Result<std::unique_ptr<CaseFiler>> CaseFiler::Open(const fs::path& inbox, const SigningKey& key,
                                                   PackageVerifier verifier) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(inbox, 0750));
  return std::unique_ptr<CaseFiler>(new CaseFiler(inbox, key, std::move(verifier)));
}

Result<std::optional<Receipt>> CaseFiler::Find(const std::string& case_id) const {
  if (!IsSafeCaseId(case_id)) return InvalidArgument("malformed case id");
  auto text = ReadFile(inbox_ / case_id / "receipt.json");
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return std::optional<Receipt>();
    return text.status();
  }
  INTAKE_ASSIGN_OR_RETURN(Receipt receipt, Receipt::FromJson(*text));
  return std::optional<Receipt>(std::move(receipt));
}

std::vector<std::string> CaseFiler::List() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(inbox_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && IsSafeCaseId(name) && fs::exists(entry.path() / "receipt.json"))
      out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Receipt> CaseFiler::File(const fs::path& package_path, const std::string& case_id,
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
    if (existing->package_sha256 != sha256)
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
  Receipt receipt = IssueReceipt(key_, case_id, sha256, FormatUtc(now));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(temp / "receipt.json", receipt.ToJson(), 0640));
  INTAKE_RETURN_IF_ERROR(SyncDirectory(temp));
  if (std::rename(temp.c_str(), (inbox_ / case_id).c_str()) != 0)
    return ErrnoStatus("file case into " + (inbox_ / case_id).string(), errno);
  INTAKE_RETURN_IF_ERROR(SyncDirectory(inbox_));
  return receipt;
}

}  // namespace intake::transfer
