#include "signing/receipt.h"

#include <gtest/gtest.h>

#include "signing/key_store.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

using intake::testing::TempDir;

TEST(ReceiptTest, SignedReceiptVerifiesWithTheBackOfficeKeyOnly) {
  TempDir tmp;
  Result<KeyStore> bo = KeyStore::Init(tmp.path() / "bo", kRoleBackOffice, "uszn-district-1");
  Result<KeyStore> other = KeyStore::Init(tmp.path() / "x", kRoleBackOffice, "other");
  ASSERT_OK(bo);
  ASSERT_OK(other);
  Receipt r{"20261123-WS01-0007", "sha256:" + std::string(64, 'a'), "2026-11-23T10:30:00Z",
            "uszn-district-1", "filed", ""};
  Ed25519Signer signer(bo->signing_key());
  Result<std::string> blob = SignReceipt(r, signer);
  ASSERT_OK(blob);

  Ed25519Verifier trusted(bo->identity().sign_public);
  Result<Receipt> ok = VerifyReceipt(*blob, trusted);
  ASSERT_OK(ok);
  EXPECT_EQ(ok->case_id, r.case_id);
  EXPECT_EQ(ok->package_hash, r.package_hash);
  EXPECT_EQ(ok->key_id, bo->identity().sign_key_id());

  Ed25519Verifier foreign(other->identity().sign_public);
  EXPECT_EQ(VerifyReceipt(*blob, foreign).status().code(), Code::kPermissionDenied);

  std::string forged = *blob;
  forged.replace(forged.find("0007"), 4, "0008");
  EXPECT_EQ(VerifyReceipt(forged, trusted).status().code(), Code::kCorrupt);
  EXPECT_EQ(VerifyReceipt(*blob + "extra\n", trusted).status().code(), Code::kInvalidArgument);

  r.back_office = "evil\nstatus: filed";
  EXPECT_EQ(SignReceipt(r, signer).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace intake::signing
