// intake verify PATH: checks a BagIt bag or an encrypted e-case package.
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "apps/intake/command.h"
#include "signing/bag_verifier.h"
#include "signing/key_store.h"
#include "signing/package_crypto.h"
#include "signing/trust_store.h"

namespace intake::cli {
namespace {

namespace fs = std::filesystem;
namespace sg = intake::signing;

constexpr int kExitInvalidBag = 3;
constexpr int kExitBadSignature = 4;
constexpr int kExitBadPackage = 5;

constexpr char kUsage[] =
    "usage: intake verify PATH [--keys DIR] [--trust-store FILE] [--case-id ID]\n"
    "                          [--extract DIR] [--bagit-only]\n"
    "  PATH           a bag directory or an encrypted package file\n"
    "  --keys DIR     key directory: its own signing key is trusted; for a package, its\n"
    "                 encryption key decrypts (the back office's keys)\n"
    "  --trust-store  the back office's enrolled workstation keys (trusted unless revoked)\n"
    "  --case-id ID   the case the bag/package must belong to\n"
    "  --extract DIR  keep the decrypted bag of a package in DIR\n"
    "  --bagit-only   check BagIt conformance only; do not require an intake signature\n"
    "exit codes: 0 valid (warnings may be printed), 1 could not run (unreadable input, no keys),\n"
    "  2 usage, 3 invalid bag (structure, checksums, Payload-Oxum, unsafe paths),\n"
    "  4 signature missing/invalid or signer unknown/revoked, 5 package cannot be decrypted\n"
    "  (truncated, reordered, tampered, wrong recipient, wrong case id)";

// Trusts the trust store's keys, else this key directory's own signing key.
class CliVerifier final : public sg::Verifier {
 public:
  std::optional<sg::TrustStore> store;
  sg::Ed25519Verifier own;
  bool has_own = false;
  Status Verify(const sg::DetachedSignature& sig, std::span<const uint8_t> msg) const override {
    if (has_own && own.Verify(sig, msg).ok()) return Status::Ok();
    if (store) return store->Verify(sig, msg);
    return own.Verify(sig, msg);
  }
};

int Report(const sg::VerifyReport& report, const std::string& what) {
  for (const auto& w : report.warnings) std::cout << "warning: " << w.ToString() << "\n";
  for (const auto& e : report.errors) std::cout << "error: " << e.ToString() << "\n";
  if (report.ok()) {
    std::cout << what << " is valid (BagIt " << report.bagit_version << ", "
              << report.payload_files << " payload files"
              << (report.case_id.empty() ? "" : ", case " + report.case_id)
              << (report.signature_verified ? ", signed by " + report.signer_key_id : "")
              << ")\n";
    return 0;
  }
  std::cout << what << " is INVALID: " << report.errors.size() << " problem(s)\n";
  const bool structural = report.HasErrorOfKind(sg::Finding::Kind::kStructure) ||
                          report.HasErrorOfKind(sg::Finding::Kind::kChecksum);
  return structural ? kExitInvalidBag : kExitBadSignature;
}

int Run(const Args& in) {
  Args args = in;
  std::string keys_dir, trust, case_id, extract;
  const bool keys_given = TakeOption(args, "--keys", &keys_dir);
  TakeOption(args, "--trust-store", &trust);
  TakeOption(args, "--case-id", &case_id);
  TakeOption(args, "--extract", &extract);
  const bool bagit_only = TakeFlag(args, "--bagit-only");
  if (args.size() != 1) return Fail("verify", kUsage, 2);
  const fs::path path = args[0];
  if (!keys_given) keys_dir = sg::DefaultKeyDir().string();

  std::optional<sg::KeyStore> keys;
  if (Result<sg::KeyStore> k = sg::KeyStore::Open(keys_dir); k.ok()) {
    keys.emplace(std::move(k).value());
  } else if (keys_given) {
    return Fail("verify", k.status().ToString());
  }
  CliVerifier verifier;
  if (keys) {
    verifier.own.Add(keys->identity().sign_public);
    verifier.has_own = true;
  }
  if (!trust.empty()) {
    Result<sg::TrustStore> store = sg::TrustStore::Load(trust);
    if (!store.ok()) return Fail("verify", store.status().ToString());
    verifier.store.emplace(std::move(store).value());
  }
  sg::VerifyOptions options;
  options.verifier = (keys || verifier.store) ? &verifier : nullptr;
  options.expected_case_id = case_id;

  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    options.require_signature = !bagit_only;
    return Report(sg::VerifyBag(path, options), "bag " + path.string());
  }
  if (!fs::is_regular_file(path, ec)) return Fail("verify", "no such bag or package: " + path.string());
  if (!keys) {
    return Fail("verify", "decrypting a package needs the recipient's keys: --keys DIR "
                          "(the back office key directory)");
  }
  fs::path out = extract;
  fs::path temp_root;
  if (out.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "intake-verify-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) return Fail("verify", "cannot create a temp directory");
    temp_root = tmpl;
    out = temp_root / "bag";
  }
  sg::PackageFault fault = sg::PackageFault::kNone;
  // A package sealed before the back office rotated its keys opens with the retired key.
  Result<sg::PackageInfo> header = sg::ReadPackageInfo(path);
  Result<sg::BoxKeyPair> box = header.ok() ? keys->BoxKeyFor(header->recipient_key_id)
                                           : Result<sg::BoxKeyPair>(header.status());
  Result<sg::PackageInfo> info =
      sg::DecryptPackage(path, box.ok() ? *box : keys->box_key(), case_id, out, &fault);
  int rc;
  if (!info.ok()) {
    std::cout << "error: " << info.status().message() << "\n";
    std::cout << "package " << path.string() << " is INVALID\n";
    rc = fault == sg::PackageFault::kIo ? 1 : kExitBadPackage;
  } else {
    options.require_signature = !bagit_only;
    options.expected_case_id = info->case_id;
    rc = Report(sg::VerifyBag(out, options), "package " + path.string());
    if (!extract.empty() && rc == 0) std::cout << "decrypted bag in " << out.string() << "\n";
  }
  if (!temp_root.empty()) fs::remove_all(temp_root, ec);
  return rc;
}

const CommandRegistration kRegistration("verify", "verify a bag or an encrypted e-case package", Run);

}  // namespace
}  // namespace intake::cli
