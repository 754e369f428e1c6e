#include "paper/confirmation_outbox.h"

#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::At;
using testing::SampleCase;

class ConfirmationOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ledger = PaperLedger::Open(dir_.path() / "ledger.db");
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
    auto book = ReceiptBook::Open(dir_.path() / "receipts.db");
    ASSERT_OK(book);
    book_ = std::move(*book);
    auto signer = testing::TestBackOfficeKey::Generate();
    ASSERT_OK(signer);
    signer_ = std::make_unique<testing::TestBackOfficeKey>(std::move(*signer));
    ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 1), At()));
    auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At());
    ASSERT_OK(reg);
    reg_ = *reg;
  }
  std::string Wire(const std::string& id) {
    PaperConfirmation c = testing::ConfirmationHeader(id, reg_.register_id, At(2));
    c.items = {{"20261123-WS01-0001-1", "20261123-WS01-0001", ItemOutcome::kReceived}};
    return *signer_->Sign(c);
  }
  ::intake::testing::TempDir dir_;
  std::unique_ptr<PaperLedger> ledger_;
  std::unique_ptr<ReceiptBook> book_;
  std::unique_ptr<testing::TestBackOfficeKey> signer_;
  RegisterInfo reg_;
};

TEST_F(ConfirmationOutboxTest, AppliesOnceAndAdvancesTheCursor) {
  ASSERT_OK(book_->Record(reg_.register_id, "clerk-7", At(2), 0, "c1", Wire("c1")));
  auto unposted = book_->Unposted();
  ASSERT_OK(unposted);
  ASSERT_EQ(unposted->size(), 1u);
  ASSERT_OK(book_->MarkPosted((*unposted)[0].seq));
  EXPECT_TRUE(book_->Unposted()->empty());

  auto r = ApplyOutbox(*ledger_, "board X", *unposted, {signer_->public_key()}, At(3));
  ASSERT_OK(r);
  EXPECT_EQ(r->applied, 1);
  EXPECT_EQ(*ledger_->OutboxCursor("board X"), (*unposted)[0].seq);
  EXPECT_EQ(ledger_->Items()->at(0).stage, Stage::kReconciled);
  auto again = ApplyOutbox(*ledger_, "board X", *unposted, {signer_->public_key()}, At(3));
  ASSERT_OK(again);
  EXPECT_EQ(again->applied, 0);  // below the cursor: not even looked at
}

TEST_F(ConfirmationOutboxTest, TamperedMessageIsSkippedUntrustedOneWaits) {
  std::string tampered = Wire("c1");
  tampered.replace(tampered.find("clerk-7"), 7, "clerk-8");
  auto other = testing::TestBackOfficeKey::Generate();
  ASSERT_OK(other);
  std::vector<OutboxMessage> messages = {{1, "WS01", "c1", tampered}, {2, "WS01", "c2", Wire("c2")}};
  auto r = ApplyOutbox(*ledger_, "board X", messages, {signer_->public_key()}, At(3));
  ASSERT_OK(r);
  EXPECT_EQ(r->rejected, 1);
  EXPECT_EQ(r->applied, 1);

  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0002", 1), At()));
  auto untrusted = ApplyOutbox(*ledger_, "board X", {{3, "WS01", "c3", *other->Sign({})}},
                               {signer_->public_key()}, At(3));
  ASSERT_OK(untrusted);
  EXPECT_TRUE(untrusted->stopped_untrusted);
  EXPECT_EQ(*ledger_->OutboxCursor("board X"), 2);  // waits before message 3
}

}  // namespace
}  // namespace intake::paper
