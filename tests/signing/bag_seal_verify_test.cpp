#include <gtest/gtest.h>

#include "signing/bag_sealer.h"
#include "signing/bag_verifier.h"
#include "signing/key_store.h"
#include "signing/trust_store.h"
#include "tests/signing/signing_test_util.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

namespace fs = std::filesystem;
using intake::testing::TempDir;
using testing::FlipBit;
using testing::Slurp;
using testing::Spit;

constexpr char kCaseId[] = "20261123-WS01-0007";

class SealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<KeyStore> keys = KeyStore::Init(tmp_.path() / "keys", kRoleWorkstation, "WS01");
    ASSERT_OK(keys);
    keys_.emplace(std::move(keys).value());
    signer_.emplace(keys_->signing_key());
    verifier_.Add(keys_->identity().sign_public);
    case_dir_ = tmp_.path() / "case";
    bag_ = tmp_.path() / "bag";
    testing::MakeCaseFolder(case_dir_, kCaseId);
  }
  VerifyReport Verify(const Verifier* verifier) {
    VerifyOptions o;
    o.verifier = verifier;
    o.require_signature = true;
    return VerifyBag(bag_, o);
  }
  static std::string Errors(const VerifyReport& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.ToString() + "\n";
    return s;
  }

  TempDir tmp_;
  std::optional<KeyStore> keys_;
  std::optional<Ed25519Signer> signer_;
  Ed25519Verifier verifier_;
  fs::path case_dir_, bag_;
};

TEST_F(SealTest, SealedBagHasTheLayoutAndVerifies) {
  Result<SealResult> sealed = SealCase(case_dir_, bag_, *signer_);
  ASSERT_OK(sealed);
  EXPECT_EQ(sealed->case_id, kCaseId);
  EXPECT_EQ(sealed->payload_files, 7u);
  for (const char* f : {"bagit.txt", "bag-info.txt", "case.json", "manifest-sha512.txt",
                        "tagmanifest-sha512.txt", "tagmanifest-sha512.txt.sig"}) {
    EXPECT_TRUE(fs::is_regular_file(bag_ / f)) << f;
  }
  EXPECT_FALSE(fs::exists(bag_ / "data/case.json"));
  EXPECT_FALSE(fs::exists(fs::path(bag_.string() + ".partial")));
  // Files the applicant brought pass byte for byte.
  EXPECT_EQ(Slurp(bag_ / "data/brought/довідка з КЕП.pdf"),
            Slurp(case_dir_ / "brought/довідка з КЕП.pdf"));
  EXPECT_EQ(Slurp(bag_ / "case.json"), Slurp(case_dir_ / "case.json"));
  const std::string info = Slurp(bag_ / "bag-info.txt");
  EXPECT_NE(info.find("External-Identifier: " + std::string(kCaseId)), std::string::npos);
  EXPECT_NE(info.find("Workstation-Key-Id: " + keys_->identity().sign_key_id()), std::string::npos);
  EXPECT_NE(info.find("Payload-Oxum: " + std::to_string(sealed->payload_bytes) + ".7"),
            std::string::npos);

  VerifyReport report = Verify(&verifier_);
  EXPECT_TRUE(report.ok()) << Errors(report);
  EXPECT_TRUE(report.signature_verified);
  EXPECT_EQ(report.case_id, kCaseId);
  EXPECT_EQ(report.signer_key_id, keys_->identity().sign_key_id());
  EXPECT_TRUE(report.warnings.empty());
}

TEST_F(SealTest, PayloadIsLinkedOnOneFilesystemOrCopiedOnRequest) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  const fs::path rel = "pages/0001.png";
  EXPECT_TRUE(fs::equivalent(case_dir_ / rel, bag_ / "data" / rel));
  // An in-place change of a linked case file after sealing is still caught.
  FlipBit(case_dir_ / rel, 10);
  EXPECT_TRUE(Verify(&verifier_).HasErrorOfKind(Finding::Kind::kChecksum));

  SealOptions copy;
  copy.link_payload = false;
  const fs::path copied = tmp_.path() / "copied";
  ASSERT_OK(SealCase(case_dir_, copied, *signer_, copy));
  EXPECT_FALSE(fs::equivalent(case_dir_ / rel, copied / "data" / rel));
  EXPECT_EQ(Slurp(case_dir_ / rel), Slurp(copied / "data" / rel));
  VerifyOptions o;
  o.verifier = &verifier_;
  o.require_signature = true;
  EXPECT_TRUE(VerifyBag(copied, o).ok());
}

TEST_F(SealTest, RefusesExistingBagAndBadCaseJson) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  EXPECT_EQ(SealCase(case_dir_, bag_, *signer_).status().code(), Code::kAlreadyExists);
  Spit(case_dir_ / "case.json", "{\"case_id\": \"../../etc\"}");
  Result<SealResult> bad = SealCase(case_dir_, tmp_.path() / "bag2", *signer_);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(fs::exists(tmp_.path() / "bag2"));
  EXPECT_FALSE(fs::exists(tmp_.path() / "bag2.partial"));
}

TEST_F(SealTest, RefusesSymlinkInCaseFolder) {
  fs::create_symlink("/etc/passwd", case_dir_ / "brought/link");
  EXPECT_EQ(SealCase(case_dir_, bag_, *signer_).status().code(), Code::kInvalidArgument);
}

TEST_F(SealTest, ChangedPayloadByteIsNamedWithBothChecksums) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  FlipBit(bag_ / "data/pages/0001.png", 1000);
  VerifyReport r = Verify(&verifier_);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_EQ(r.errors[0].kind, Finding::Kind::kChecksum);
  EXPECT_EQ(r.errors[0].file, "data/pages/0001.png");
  EXPECT_EQ(r.errors[0].expected.size(), 128u);
  EXPECT_EQ(r.errors[0].found.size(), 128u);
  EXPECT_NE(r.errors[0].expected, r.errors[0].found);
}

TEST_F(SealTest, ExtraAndMissingPayloadFilesAreNamed) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  Spit(bag_ / "data/brought/smuggled.pdf", "x");
  fs::remove(bag_ / "data/ocr/0001.txt");
  VerifyReport r = Verify(&verifier_);
  const std::string errors = Errors(r);
  EXPECT_NE(errors.find("data/brought/smuggled.pdf: is in the payload but in no manifest"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find("data/ocr/0001.txt: is listed in manifest-sha512.txt but missing"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find("Payload-Oxum"), std::string::npos) << errors;
}

TEST_F(SealTest, RewrittenManifestsBreakTheSignature) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  // An attacker who edits case.json and fixes the tag manifest cannot fix the signature.
  std::string json = Slurp(bag_ / "case.json");
  json.replace(json.find("low_income"), 10, "high_incom");
  Spit(bag_ / "case.json", json);
  std::string tm = Slurp(bag_ / "tagmanifest-sha512.txt");
  VerifyReport first = Verify(&verifier_);
  ASSERT_TRUE(first.HasErrorOfKind(Finding::Kind::kChecksum));
  for (const auto& e : first.errors) {
    if (e.file == "case.json") tm.replace(tm.find(e.expected), e.expected.size(), e.found);
  }
  Spit(bag_ / "tagmanifest-sha512.txt", tm);
  VerifyReport r = Verify(&verifier_);
  EXPECT_FALSE(r.HasErrorOfKind(Finding::Kind::kChecksum)) << Errors(r);
  EXPECT_TRUE(r.HasErrorOfKind(Finding::Kind::kSignature)) << Errors(r);
}

TEST_F(SealTest, UnsignedOrUntrustedOrRevokedSignerIsRejected) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  // No trust store: the signature is reported unchecked.
  VerifyReport unchecked = Verify(nullptr);
  EXPECT_TRUE(unchecked.ok());
  EXPECT_FALSE(unchecked.signature_verified);
  EXPECT_FALSE(unchecked.warnings.empty());

  Result<TrustStore> store = TrustStore::Load(tmp_.path() / "trust.json");
  ASSERT_OK(store);
  VerifyReport unknown = Verify(&*store);
  EXPECT_TRUE(unknown.HasErrorOfKind(Finding::Kind::kTrust)) << Errors(unknown);
  ASSERT_OK(store->Enroll(keys_->identity(), "2026-11-23T10:00:00Z"));
  ASSERT_OK(store->Save());
  Result<TrustStore> reloaded = TrustStore::Load(tmp_.path() / "trust.json");
  ASSERT_OK(reloaded);
  EXPECT_TRUE(Verify(&*reloaded).ok());
  ASSERT_OK(reloaded->Revoke(keys_->identity().sign_key_id(), "laptop stolen",
                             "2026-11-24T08:00:00Z"));
  VerifyReport revoked = Verify(&*reloaded);
  ASSERT_TRUE(revoked.HasErrorOfKind(Finding::Kind::kTrust));
  EXPECT_NE(Errors(revoked).find("revoked"), std::string::npos);
  EXPECT_EQ(reloaded->Enroll(keys_->identity(), "now").code(), Code::kFailedPrecondition);

  fs::remove(bag_ / "tagmanifest-sha512.txt.sig");
  EXPECT_TRUE(Verify(&verifier_).HasErrorOfKind(Finding::Kind::kSignature));
}

TEST_F(SealTest, UnlistedTagFileIsNotCoveredBySignature) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  Spit(bag_ / "fetch.txt", "http://evil.example/x - data/x\n");
  VerifyReport r = Verify(&verifier_);
  EXPECT_TRUE(r.HasErrorOfKind(Finding::Kind::kSignature)) << Errors(r);
}

TEST_F(SealTest, ExpectedCaseIdMustMatch) {
  ASSERT_OK(SealCase(case_dir_, bag_, *signer_));
  VerifyOptions o;
  o.verifier = &verifier_;
  o.expected_case_id = "20261123-WS01-0008";
  VerifyReport r = VerifyBag(bag_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].expected, "20261123-WS01-0008");
  EXPECT_EQ(r.errors[0].found, kCaseId);
}

}  // namespace
}  // namespace intake::signing
