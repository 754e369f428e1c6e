#include "transfer/package_opener.h"

#include "signing/bag_verifier.h"
#include "signing/package_crypto.h"
#include "signing/trust_store.h"

namespace intake::transfer {

PackageVerifier SigningPackageVerifier(const signing::KeyStore& keys,
                                       std::filesystem::path trust_store) {
  return [&keys, trust_store](const std::filesystem::path& package, const std::string& case_id,
                              const std::filesystem::path& case_dir) -> Status {
    signing::PackageFault fault = signing::PackageFault::kNone;
    auto info = signing::DecryptPackage(package, keys.box_key(), case_id, case_dir / "bag", &fault);
    if (!info.ok()) return info.status().WithContext("cannot open the package");
    INTAKE_ASSIGN_OR_RETURN(signing::TrustStore trust, signing::TrustStore::Load(trust_store));
    signing::VerifyOptions options;
    options.verifier = &trust;
    options.require_signature = true;
    options.expected_case_id = case_id;
    signing::VerifyReport report = signing::VerifyBag(case_dir / "bag", options);
    if (!report.ok()) {
      std::string message = "bag does not verify:";
      for (const auto& finding : report.errors) message += " " + finding.ToString() + ";";
      return Status(report.HasErrorOfKind(signing::Finding::Kind::kSignature) ||
                            report.HasErrorOfKind(signing::Finding::Kind::kTrust)
                        ? Code::kPermissionDenied
                        : Code::kCorrupt,
                    message);
    }
    return Status::Ok();
  };
}

}  // namespace intake::transfer
