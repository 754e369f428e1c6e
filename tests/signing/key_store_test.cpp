#include "signing/key_store.h"

#include <sys/stat.h>

#include "signing/signer.h"
#include "tests/signing/signing_test_util.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

namespace fs = std::filesystem;
using intake::testing::TempDir;

unsigned ModeOf(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(KeyStoreTest, InitWritesSecretsPrivatelyAndOpenLoadsSameKeys) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "keys";
  Result<KeyStore> made = KeyStore::Init(dir, kRoleWorkstation, "WS01");
  ASSERT_OK(made);
  EXPECT_EQ(ModeOf(dir), 0700u);
  EXPECT_EQ(ModeOf(dir / "sign.key"), 0600u);
  EXPECT_EQ(ModeOf(dir / "box.key"), 0600u);
  EXPECT_EQ(fs::file_size(dir / "sign.key"), 64u);
  EXPECT_NE(made->identity().sign_public, made->identity().box_public);
  EXPECT_EQ(made->identity().sign_key_id().size(), 16u);

  Result<KeyStore> opened = KeyStore::Open(dir);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->identity().sign_public, made->identity().sign_public);
  // A signature from the reloaded key verifies with the original public key.
  Ed25519Signer signer(opened->signing_key());
  Result<DetachedSignature> sig = signer.Sign(AsBytes("tagmanifest bytes"));
  ASSERT_OK(sig);
  Ed25519Verifier verifier(made->identity().sign_public);
  EXPECT_OK(verifier.Verify(*sig, AsBytes("tagmanifest bytes")));
  EXPECT_EQ(verifier.Verify(*sig, AsBytes("tagmanifest byteS")).code(), Code::kCorrupt);
}

TEST(KeyStoreTest, InitRefusesToOverwrite) {
  TempDir tmp;
  ASSERT_OK(KeyStore::Init(tmp.path() / "k", kRoleWorkstation, "WS01"));
  EXPECT_EQ(KeyStore::Init(tmp.path() / "k", kRoleWorkstation, "WS01").status().code(),
            Code::kAlreadyExists);
}

TEST(KeyStoreTest, OpenRefusesSecretReadableByOthers) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "k";
  ASSERT_OK(KeyStore::Init(dir, kRoleWorkstation, "WS01"));
  ::chmod((dir / "sign.key").c_str(), 0644);
  Result<KeyStore> opened = KeyStore::Open(dir);
  EXPECT_EQ(opened.status().code(), Code::kPermissionDenied);
  EXPECT_NE(opened.status().message().find("chmod 600"), std::string::npos);
  ::chmod((dir / "sign.key").c_str(), 0600);
  ::chmod(dir.c_str(), 0755);
  EXPECT_EQ(KeyStore::Open(dir).status().code(), Code::kPermissionDenied);
}

TEST(KeyStoreTest, OpenDetectsDamagedSecretKey) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "k";
  ASSERT_OK(KeyStore::Init(dir, kRoleWorkstation, "WS01"));
  testing::FlipBit(dir / "sign.key", 3);
  ::chmod((dir / "sign.key").c_str(), 0600);
  EXPECT_EQ(KeyStore::Open(dir).status().code(), Code::kCorrupt);
}

TEST(KeyStoreTest, MissingKeysSayWhatToRun) {
  TempDir tmp;
  Result<KeyStore> opened = KeyStore::Open(tmp.path() / "none");
  EXPECT_EQ(opened.status().code(), Code::kNotFound);
  EXPECT_NE(opened.status().message().find("intake keys init"), std::string::npos);
}

TEST(KeyStoreTest, RotateKeepsOldKeysRetiredAndChangesBoth) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "k";
  Result<KeyStore> store = KeyStore::Init(dir, kRoleWorkstation, "WS01");
  ASSERT_OK(store);
  const PublicKeyBundle before = store->identity();
  ASSERT_OK(store->Rotate());
  EXPECT_NE(store->identity().sign_public, before.sign_public);
  EXPECT_NE(store->identity().box_public, before.box_public);
  const fs::path retired = dir / "retired";
  ASSERT_TRUE(fs::is_directory(retired));
  auto it = fs::directory_iterator(retired);
  ASSERT_NE(it, fs::directory_iterator());
  EXPECT_NE(it->path().filename().string().find(before.sign_key_id()), std::string::npos);
  Result<KeyStore> reopened = KeyStore::Open(dir);
  ASSERT_OK(reopened);
  EXPECT_EQ(reopened->identity().sign_public, store->identity().sign_public);
}

TEST(KeyStoreTest, WorkstationTrustsOnlyABackOfficeBundle) {
  TempDir tmp;
  Result<KeyStore> ws = KeyStore::Init(tmp.path() / "ws", kRoleWorkstation, "WS01");
  Result<KeyStore> bo = KeyStore::Init(tmp.path() / "bo", kRoleBackOffice, "uszn-district-1");
  ASSERT_OK(ws);
  ASSERT_OK(bo);
  EXPECT_EQ(ws->BackOffice().status().code(), Code::kNotFound);
  EXPECT_EQ(ws->TrustBackOffice(ws->identity()).code(), Code::kInvalidArgument);
  Result<PublicKeyBundle> parsed = PublicKeyBundle::FromJson(bo->identity().ToJson());
  ASSERT_OK(parsed);
  ASSERT_OK(ws->TrustBackOffice(*parsed));
  Result<PublicKeyBundle> trusted = ws->BackOffice();
  ASSERT_OK(trusted);
  EXPECT_EQ(trusted->box_public, bo->identity().box_public);
  EXPECT_EQ(trusted->name, "uszn-district-1");
}

TEST(PublicKeyBundleTest, RejectsKeyIdThatDoesNotMatchTheKey) {
  TempDir tmp;
  Result<KeyStore> ws = KeyStore::Init(tmp.path() / "ws", kRoleWorkstation, "WS01");
  ASSERT_OK(ws);
  std::string json = ws->identity().ToJson();
  const std::string id = ws->identity().sign_key_id();
  json.replace(json.find(id), id.size(), "0000000000000000");
  EXPECT_EQ(PublicKeyBundle::FromJson(json).status().code(), Code::kCorrupt);
  EXPECT_EQ(PublicKeyBundle::FromJson("{").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace intake::signing
