#include "signing/package_crypto.h"

#include <gtest/gtest.h>

#include "signing/bag_sealer.h"
#include "signing/bag_verifier.h"
#include "signing/key_store.h"
#include "signing/package_header.h"
#include "tests/signing/signing_test_util.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

namespace fs = std::filesystem;
using intake::testing::TempDir;
using testing::Slurp;
using testing::Spit;

constexpr char kCaseId[] = "20261123-WS01-0007";

struct Frame {
  size_t offset, size;  // whole frame including its 12-byte prefix
};

std::vector<Frame> Frames(const std::string& pkg) {
  auto prefix = std::span(reinterpret_cast<const uint8_t*>(pkg.data()), kPackageFixedPrefix);
  Result<size_t> header = PackageHeaderSize(prefix);
  EXPECT_TRUE(header.ok());
  std::vector<Frame> frames;
  size_t pos = *header;
  while (pos + kFramePrefixSize <= pkg.size()) {
    size_t len = 0;
    for (int i = 8; i < 12; ++i) len = len << 8 | static_cast<uint8_t>(pkg[pos + i]);
    frames.push_back({pos, kFramePrefixSize + len});
    pos += kFramePrefixSize + len;
  }
  return frames;
}

class PackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<KeyStore> ws = KeyStore::Init(tmp_.path() / "ws", kRoleWorkstation, "WS01");
    Result<KeyStore> bo = KeyStore::Init(tmp_.path() / "bo", kRoleBackOffice, "uszn-district-1");
    ASSERT_OK(ws);
    ASSERT_OK(bo);
    ws_.emplace(std::move(ws).value());
    bo_.emplace(std::move(bo).value());
    testing::MakeCaseFolder(tmp_.path() / "case", kCaseId);
    Ed25519Signer signer(ws_->signing_key());
    ASSERT_OK(SealCase(tmp_.path() / "case", bag_, signer));
    Result<PackageInfo> info =
        EncryptPackage(bag_, bo_->identity().box_public, kCaseId, pkg_);
    ASSERT_OK(info);
    EXPECT_EQ(info->files, 13u);
    EXPECT_EQ(info->package_bytes, fs::file_size(pkg_));
  }
  // Decrypts pkg_ and returns the fault (kNone on success).
  PackageFault Decrypt(std::string_view expected_case = kCaseId, std::string* message = nullptr) {
    PackageFault fault = PackageFault::kNone;
    const fs::path out = tmp_.path() / ("out" + std::to_string(attempt_++));
    Result<PackageInfo> r = DecryptPackage(pkg_, bo_->box_key(), expected_case, out, &fault);
    if (message) *message = r.ok() ? "" : r.status().message();
    if (!r.ok()) {
      EXPECT_FALSE(fs::exists(out));
      EXPECT_FALSE(fs::exists(fs::path(out.string() + ".partial")));
    }
    return fault;
  }

  TempDir tmp_;
  std::optional<KeyStore> ws_, bo_;
  fs::path bag_ = tmp_.path() / "bag";
  fs::path pkg_ = tmp_.path() / "case.pkg";
  int attempt_ = 0;
};

TEST_F(PackageTest, RoundTripGivesTheSameBagWhichVerifies) {
  const fs::path out = tmp_.path() / "received";
  PackageFault fault;
  Result<PackageInfo> info = DecryptPackage(pkg_, bo_->box_key(), kCaseId, out, &fault);
  ASSERT_OK(info);
  EXPECT_EQ(fault, PackageFault::kNone);
  EXPECT_EQ(info->case_id, kCaseId);
  for (const auto& e : fs::recursive_directory_iterator(bag_)) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), bag_);
    EXPECT_EQ(Slurp(out / rel), Slurp(e.path())) << rel;
  }
  Ed25519Verifier verifier(ws_->identity().sign_public);
  VerifyOptions o;
  o.verifier = &verifier;
  o.require_signature = true;
  o.expected_case_id = kCaseId;
  EXPECT_TRUE(VerifyBag(out, o).ok());
  // The clear-text header tells the case without a key, and nothing else.
  Result<PackageInfo> header = ReadPackageInfo(pkg_);
  ASSERT_OK(header);
  EXPECT_EQ(header->recipient_key_id, bo_->identity().box_key_id());
  EXPECT_EQ(Slurp(pkg_).find("Шевченко"), std::string::npos);
}

TEST_F(PackageTest, TruncationAnywhereIsNamed) {
  const std::string whole = Slurp(pkg_);
  const std::vector<Frame> frames = Frames(whole);
  ASSERT_GE(frames.size(), 4u);
  for (size_t cut : {size_t(5), size_t(60), frames[1].offset, frames[2].offset + 100,
                     whole.size() - 1}) {
    Spit(pkg_, whole.substr(0, cut));
    std::string message;
    PackageFault f = Decrypt(kCaseId, &message);
    if (cut == 5) {
      EXPECT_EQ(f, PackageFault::kNotAPackage) << message;
    } else {
      EXPECT_EQ(f, PackageFault::kTruncated) << "cut at " << cut << ": " << message;
      EXPECT_NE(message.find("truncated"), std::string::npos);
    }
  }
}

TEST_F(PackageTest, FlippedBitInAnyFrameOrTheHeaderIsNamed) {
  const std::string whole = Slurp(pkg_);
  const std::vector<Frame> frames = Frames(whole);
  for (size_t at : {frames[0].offset + 40, frames[2].offset + 500, whole.size() - 3}) {
    Spit(pkg_, whole);
    testing::FlipBit(pkg_, static_cast<long>(at));
    std::string message;
    EXPECT_EQ(Decrypt(kCaseId, &message), PackageFault::kTampered) << at << ": " << message;
    EXPECT_NE(message.find("frame #"), std::string::npos) << message;
  }
  // The stream header (last 24 bytes of the header) is bound to every frame.
  Spit(pkg_, whole);
  testing::FlipBit(pkg_, static_cast<long>(frames[0].offset - 3));
  EXPECT_EQ(Decrypt(), PackageFault::kTampered);
}

TEST_F(PackageTest, ReorderedOrDroppedFramesAreNamed) {
  const std::string whole = Slurp(pkg_);
  const std::vector<Frame> f = Frames(whole);
  ASSERT_EQ(f[1].size, f[2].size);
  std::string swapped = whole.substr(0, f[1].offset) + whole.substr(f[2].offset, f[2].size) +
                        whole.substr(f[1].offset, f[1].size) + whole.substr(f[3].offset);
  Spit(pkg_, swapped);
  std::string message;
  EXPECT_EQ(Decrypt(kCaseId, &message), PackageFault::kReordered) << message;
  EXPECT_NE(message.find("frame #2 found at position #1"), std::string::npos) << message;

  Spit(pkg_, whole.substr(0, f[1].offset) + whole.substr(f[2].offset));
  EXPECT_EQ(Decrypt(), PackageFault::kReordered);

  // Renumbering a swapped frame to hide the swap fails authentication instead.
  std::string renumbered = swapped;
  renumbered[f[1].offset + 7] = 1;
  renumbered[f[1].offset + f[2].size + 7] = 2;
  Spit(pkg_, renumbered);
  EXPECT_EQ(Decrypt(), PackageFault::kTampered);
}

TEST_F(PackageTest, WrongRecipientAndWrongCaseAreNamed) {
  Result<KeyStore> other = KeyStore::Init(tmp_.path() / "other", kRoleBackOffice, "pfu-1");
  ASSERT_OK(other);
  PackageFault fault;
  Result<PackageInfo> r =
      DecryptPackage(pkg_, other->box_key(), kCaseId, tmp_.path() / "x", &fault);
  EXPECT_EQ(fault, PackageFault::kWrongRecipient);
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);

  std::string message;
  EXPECT_EQ(Decrypt("20261123-WS01-0008", &message), PackageFault::kWrongCaseId);
  EXPECT_NE(message.find("for case 20261123-WS01-0007, expected 20261123-WS01-0008"),
            std::string::npos) << message;

  // Editing the clear-text case id to pass the check is caught by the sealed copy.
  std::string whole = Slurp(pkg_);
  const size_t at = whole.find(kCaseId);
  ASSERT_NE(at, std::string::npos);
  whole.replace(at, strlen(kCaseId), "20261123-WS01-0008");
  Spit(pkg_, whole);
  EXPECT_EQ(Decrypt("20261123-WS01-0008", &message), PackageFault::kWrongCaseId);
  EXPECT_NE(message.find("header altered"), std::string::npos) << message;
}

TEST_F(PackageTest, BackOfficeStillOpensPackagesSealedBeforeItRotated) {
  const std::string old_id = bo_->identity().box_key_id();
  ASSERT_OK(bo_->Rotate());
  ASSERT_NE(bo_->identity().box_key_id(), old_id);
  EXPECT_EQ(Decrypt(), PackageFault::kWrongRecipient);  // the current key alone cannot
  Result<PackageInfo> header = ReadPackageInfo(pkg_);
  ASSERT_OK(header);
  Result<BoxKeyPair> old_key = bo_->BoxKeyFor(header->recipient_key_id);
  ASSERT_OK(old_key);
  ASSERT_OK(DecryptPackage(pkg_, *old_key, kCaseId, tmp_.path() / "after-rotation"));
  EXPECT_EQ(bo_->BoxKeyFor("0000000000000000").status().code(), Code::kNotFound);
}

TEST_F(PackageTest, TrailingBytesAndForeignFilesAreNamed) {
  Spit(pkg_, Slurp(pkg_) + "x");
  EXPECT_EQ(Decrypt(), PackageFault::kTrailingData);
  Spit(pkg_, "%PDF-1.7 definitely not a package");
  EXPECT_EQ(Decrypt(), PackageFault::kNotAPackage);
}

}  // namespace
}  // namespace intake::signing
