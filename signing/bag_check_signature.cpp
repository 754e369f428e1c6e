// BagCheck: the detached signature, the signer's trust and the case id (bag_check.h).
#include <algorithm>
#include <cctype>

#include "core/file_util.h"
#include "signing/bag_check.h"
#include "signing/bag_signature.h"
#include "signing/case_record.h"

namespace intake::signing::internal {

namespace fs = std::filesystem;

void BagCheck::CheckSignature(const std::vector<Manifest>& tag_manifests) {
  std::error_code ec;
  if (!fs::exists(dir_ / kBagSignatureFile, ec)) {
    if (options_.require_signature) {
      Error(Kind::kSignature, std::string(kBagSignatureFile), "the bag is not signed");
    }
    return;
  }
  Result<std::string> sig_text = ReadFile(dir_ / kBagSignatureFile);
  Result<DetachedSignature> sig =
      sig_text.ok() ? ParseBagSignature(*sig_text) : Result<DetachedSignature>(sig_text.status());
  if (!sig.ok()) {
    Error(Kind::kSignature, std::string(kBagSignatureFile), sig.status().message());
    return;
  }
  report_.signer_key_id = sig->key_id;
  // The signature protects only what the signed tag manifest lists: it must cover every
  // other tag file (and so, through manifest-*.txt, the payload).
  const Manifest* signed_manifest = nullptr;
  for (const Manifest& m : tag_manifests) {
    if (m.file == kSignedTagManifest) signed_manifest = &m;
  }
  if (signed_manifest == nullptr) {
    Error(Kind::kSignature, std::string(kSignedTagManifest), "the signed tag manifest is missing");
    return;
  }
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() || name == kBagSignatureFile || name.rfind("tagmanifest-", 0) == 0) {
      continue;
    }
    if (signed_manifest->entries.count(name) == 0) {
      Error(Kind::kSignature, name, "tag file is not covered by the signature (not listed in " +
                                        std::string(kSignedTagManifest) + ")");
    }
  }
  for (const auto& [label, value] : info_) {
    if (label == "Workstation-Key-Id" && value != sig->key_id) {
      Error(Kind::kSignature, "bag-info.txt", "Workstation-Key-Id differs from the signing key",
            value, sig->key_id);
    }
  }
  if (options_.verifier == nullptr) {
    Warn(std::string(kBagSignatureFile),
         "signature by key " + sig->key_id + " not checked: no trust store given");
    return;
  }
  Result<std::string> signed_bytes = ReadFile(dir_ / kSignedTagManifest);
  if (!signed_bytes.ok()) {
    Error(Kind::kSignature, std::string(kSignedTagManifest), signed_bytes.status().message());
    return;
  }
  Status verified = options_.verifier->Verify(*sig, AsBytes(*signed_bytes));
  if (verified.ok()) {
    report_.signature_verified = true;
  } else {
    Error(verified.code() == Code::kPermissionDenied ? Kind::kTrust : Kind::kSignature,
          std::string(kBagSignatureFile), verified.message());
  }
}

void BagCheck::CheckCase() {
  std::error_code ec;
  std::string case_json_id;
  if (fs::exists(dir_ / "case.json", ec)) {
    Result<std::string> json = ReadFile(dir_ / "case.json");
    Result<CaseSummary> summary =
        json.ok() ? ParseCaseJson(*json) : Result<CaseSummary>(json.status());
    if (!summary.ok()) {
      Error(Kind::kStructure, "case.json", summary.status().message());
    } else {
      case_json_id = summary->case_id;
      if (!report_.case_id.empty() && report_.case_id != case_json_id) {
        Error(Kind::kStructure, "bag-info.txt", "External-Identifier differs from case.json",
              case_json_id, report_.case_id);
      }
      if (report_.case_id.empty()) report_.case_id = case_json_id;
    }
  } else if (options_.require_signature) {
    Error(Kind::kStructure, "case.json", "an e-case bag must carry case.json");
  }
  if (!options_.expected_case_id.empty() && report_.case_id != options_.expected_case_id) {
    Error(Kind::kStructure, "bag-info.txt", "the bag is for another case",
          options_.expected_case_id, report_.case_id);
  }
}

}  // namespace intake::signing::internal
