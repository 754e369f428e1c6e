// The real chain: a sealed, signed, encrypted case (signing library) delivered over tus with
// signed requests; the receiver decrypts, verifies the bag against enrolled keys, files it
// and answers a signed receipt. Plus: revoked workstation, clock skew, tampered package.
#include <fstream>

#include "signing/bag_sealer.h"
#include "signing/package_crypto.h"
#include "signing/signer.h"
#include "signing/trust_store.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

constexpr char kCase[] = "20261123-WS01-0042";

class SignedPackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = tmp_.path();
    ws_.emplace(MakeKeys(root_ / "ws-keys", "workstation"));
    bo_.emplace(MakeKeys(root_ / "bo-keys", "back-office"));
    auto trust = signing::TrustStore::Load(root_ / "trust.json");
    ASSERT_OK(trust);
    ASSERT_OK(trust->Enroll(ws_->identity(), "2026-11-23T00:00:00Z"));
    ASSERT_OK(trust->Save());
    // A case folder as the workstation writes it (docs/case-layout.md).
    fs::path c = root_ / "case";
    fs::create_directories(c / "pages");
    fs::create_directories(c / "ocr");
    std::ofstream(c / "case.json") << "{\"case_id\": \"" << kCase
                                   << "\", \"service\": \"idp_living_allowance\", \"back_office\": "
                                      "\"uszn-district-1\", \"workstation\": \"WS01\", "
                                      "\"documents\": [], \"paper_items\": []}\n";
    page_ = WriteRandomFile(c / "pages/0001.png", 200'000, 3);
    std::ofstream(c / "ocr/0001.txt") << "ЗАЯВА\n";
    signing::Ed25519Signer signer(ws_->signing_key());
    ASSERT_OK(signing::SealCase(c, root_ / "bag", signer));
    fs::create_directories(root_ / "spool");
    ASSERT_OK(signing::EncryptPackage(root_ / "bag", bo_->identity().box_public, kCase,
                                      root_ / "spool" / (std::string(kCase) + ".pkg")));
  }

  ReceiverHandle Start() {
    ReceiverOptions options;
    options.trust_store = root_ / "trust.json";
    options.require_signed_requests = true;
    return StartReceiver(root_, std::move(options));
  }

  std::unique_ptr<TransferWorker> Worker(const ReceiverHandle& rx, int64_t clock_offset = 0) {
    TransferWorkerOptions options;
    options.tus.workstation_key = &ws_->signing_key();
    options.clock = [clock_offset] { return static_cast<int64_t>(std::time(nullptr)) + clock_offset; };
    auto worker = MakeWorker(root_ / "spool", rx.url, rx.receipt_key, options);
    EXPECT_OK(worker->queue().Enqueue(kCase, root_ / "spool" / (std::string(kCase) + ".pkg"), 0, 0));
    return worker;
  }

  QueuedPackage State(TransferWorker& worker) { return **worker.queue().Get(kCase); }

  TempDir tmp_;
  fs::path root_;
  std::optional<signing::KeyStore> ws_, bo_;
  std::string page_;
};

TEST_F(SignedPackageTest, DecryptedVerifiedFiledAndReceipted) {
  auto rx = Start();
  auto worker = Worker(rx);
  ASSERT_OK(worker->DrainDue());
  EXPECT_EQ(State(*worker).state, PackageState::kDelivered) << State(*worker).last_error;
  EXPECT_TRUE(ReadAll(root_ / "inbox" / kCase / "bag/data/pages/0001.png") == page_) << "content differs";
}

TEST_F(SignedPackageTest, RevokedWorkstationIsRefused) {
  auto trust = signing::TrustStore::Load(root_ / "trust.json");
  ASSERT_OK(trust->Revoke(ws_->signing_key().key_id(), "stolen laptop", "2026-11-23T01:00:00Z"));
  ASSERT_OK(trust->Save());
  auto rx = Start();
  auto worker = Worker(rx);
  ASSERT_OK(worker->DrainDue());
  auto p = State(*worker);
  EXPECT_EQ(p.state, PackageState::kQueued);
  EXPECT_NE(p.last_error.find("revoked"), std::string::npos) << p.last_error;
  EXPECT_FALSE(fs::exists(root_ / "inbox" / kCase));
}

TEST_F(SignedPackageTest, ClockSkewBeyondToleranceIsRefusedWithinIsAccepted) {
  auto rx = Start();
  auto skewed = Worker(rx, 3600);
  ASSERT_OK(skewed->DrainDue());
  auto p = State(*skewed);
  EXPECT_EQ(p.state, PackageState::kQueued);
  EXPECT_NE(p.last_error.find("clock"), std::string::npos) << p.last_error;
  skewed.reset();
  auto slightly = Worker(rx, -120);  // two minutes slow: within the 300 s tolerance
  ASSERT_OK(slightly->queue().MarkRetry(kCase, "", 0));
  ASSERT_OK(slightly->DrainDue());
  EXPECT_EQ(State(*slightly).state, PackageState::kDelivered) << State(*slightly).last_error;
}

TEST_F(SignedPackageTest, TamperedPackageIsRejectedNotFiled) {
  fs::path pkg = root_ / "spool" / (std::string(kCase) + ".pkg");
  std::string bytes = ReadAll(pkg);
  bytes[bytes.size() / 2] ^= 0x01;
  std::ofstream(pkg, std::ios::binary | std::ios::trunc) << bytes;
  auto rx = Start();
  auto worker = Worker(rx);
  ASSERT_OK(worker->DrainDue());
  auto p = State(*worker);
  EXPECT_EQ(p.state, PackageState::kQueued);
  EXPECT_NE(p.last_error.find("422"), std::string::npos) << p.last_error;
  EXPECT_EQ(p.upload_url, "");  // the next attempt starts over
  EXPECT_FALSE(fs::exists(root_ / "inbox" / kCase));
}

}  // namespace
}  // namespace intake::transfer
