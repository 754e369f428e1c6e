// Paper confirmations over a real intake receiver on 127.0.0.1, with one key management: the
// back office's KeyStore signs the delivery receipts, the board envelopes and the paper
// confirmations; the workstation's KeyStore trusts that back office and verifies all three
// with the same key.
#include "paper/confirmation_transport.h"

#include "signing/key_store.h"
#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"
#include "transfer/http_client.h"
#include "transfer/receiver.h"

namespace intake::paper {
namespace {

using testing::At;
using testing::SampleCase;

class ConfirmationTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bo = signing::KeyStore::Init(dir_.path() / "bo-keys", "back-office", "uszn-district-1");
    ASSERT_OK(bo);
    auto ws = signing::KeyStore::Init(dir_.path() / "ws-keys", "workstation", "WS01");
    ASSERT_OK(ws);
    ASSERT_OK(ws->TrustBackOffice(bo->identity()));
    auto trusted = ws->BackOffice();
    ASSERT_OK(trusted);
    back_office_key_ = trusted->sign_public;
    bo_signer_key_ = bo->signing_key().public_key();
    // The back office's desk signs with the same key store the receiver runs with: opened
    // twice, as the CLI and the receiver each open it.
    auto desk_keys = signing::KeyStore::Open(dir_.path() / "bo-keys");
    ASSERT_OK(desk_keys);
    desk_keys_.emplace(std::move(*desk_keys));

    transfer::ReceiverOptions options;
    options.inbox = dir_.path() / "inbox";
    options.uploads = dir_.path() / "uploads";
    options.verify_packages = false;
    auto rx = transfer::Receiver::Start(std::move(options), std::move(*bo));
    ASSERT_OK(rx);
    receiver_ = std::move(*rx);

    auto ledger = PaperLedger::Open(dir_.path() / "ws" / "ledger.db");
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
    auto book = ReceiptBook::Open(dir_.path() / "bo" / "receipts.db");
    ASSERT_OK(book);
    book_ = std::move(*book);
    auto http = transfer::HttpClient::Create({});
    ASSERT_OK(http);
    http_ = std::move(*http);
    ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 2), At()));
    auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At());
    ASSERT_OK(reg);
    reg_ = *reg;
  }

  PaperConfirmation Confirm(const std::string& id) {
    PaperConfirmation c = testing::ConfirmationHeader(id, reg_.register_id, At(2));
    for (const auto& item : reg_.items)
      c.items.push_back({item.spec.item_id, item.case_id, ItemOutcome::kReceived});
    return c;
  }

  ::intake::testing::TempDir dir_;
  signing::PublicKey back_office_key_{}, bo_signer_key_{};
  std::optional<signing::KeyStore> desk_keys_;
  std::unique_ptr<transfer::Receiver> receiver_;
  std::unique_ptr<PaperLedger> ledger_;
  std::unique_ptr<ReceiptBook> book_;
  std::unique_ptr<transfer::HttpClient> http_;
  RegisterInfo reg_;
};

TEST_F(ConfirmationTransportTest, ConfirmationSignedWithTheReceiptKeyReachesTheLedger) {
  EXPECT_EQ(back_office_key_, bo_signer_key_);  // the workstation trusts the receipt key
  signing::Ed25519Signer signer(desk_keys_->signing_key());
  auto wire = SignConfirmation(Confirm("c1"), signer);
  ASSERT_OK(wire);
  ASSERT_OK(book_->Record(reg_.register_id, "clerk-7", At(2), 0, "c1", *wire));
  auto posted = PublishConfirmations(*book_, *http_, receiver_->base_url());
  ASSERT_OK(posted);
  EXPECT_EQ(*posted, 1);
  EXPECT_EQ(*PublishConfirmations(*book_, *http_, receiver_->base_url()), 0);  // nothing twice

  auto report = SyncConfirmations(*ledger_, *http_, receiver_->base_url(), "WS01",
                                  back_office_key_, At(3));
  ASSERT_OK(report);
  EXPECT_EQ(report->applied, 1);
  EXPECT_FALSE(report->stopped_untrusted);
  for (const auto& item : *ledger_->Items()) EXPECT_EQ(item.stage, Stage::kReconciled);
  auto again = SyncConfirmations(*ledger_, *http_, receiver_->base_url(), "WS01",
                                 back_office_key_, At(3));
  ASSERT_OK(again);
  EXPECT_EQ(again->applied, 0);  // the cursor moved past it
}

TEST_F(ConfirmationTransportTest, ConfirmationFromAnotherKeyWaitsAndTheLedgerIsUnchanged) {
  // A separate "paper key" (the old design) is not the back office this workstation trusts.
  auto other = testing::TestBackOfficeKey::Generate();
  ASSERT_OK(other);
  auto wire = other->Sign(Confirm("c1"));
  ASSERT_OK(wire);
  ASSERT_OK(book_->Record(reg_.register_id, "clerk-7", At(2), 0, "c1", *wire));
  ASSERT_OK(PublishConfirmations(*book_, *http_, receiver_->base_url()));
  auto report = SyncConfirmations(*ledger_, *http_, receiver_->base_url(), "WS01",
                                  back_office_key_, At(3));
  ASSERT_OK(report);
  EXPECT_TRUE(report->stopped_untrusted);
  EXPECT_EQ(report->applied, 0);
  for (const auto& item : *ledger_->Items()) EXPECT_EQ(item.stage, Stage::kPacked);
  EXPECT_EQ(*ledger_->OutboxCursor("board " + receiver_->base_url()), 0);
}

}  // namespace
}  // namespace intake::paper
