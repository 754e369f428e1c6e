#include "paper/confirmation.h"

#include <nlohmann/json.hpp>

#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

PaperConfirmation Sample() {
  PaperConfirmation c;
  c.confirmation_id = "R-20261124-WS01-001@2026-11-26T09:00:00Z";
  c.register_id = "R-20261124-WS01-001";
  c.back_office = "uszn-district-1";
  c.received_at = "2026-11-26T09:00:00Z";
  c.received_by = "clerk-7";
  c.reconciled_at = "2026-11-26T09:30:00Z";
  c.items = {{"20261123-WS01-0001-1", "20261123-WS01-0001", ItemOutcome::kReceived},
             {"20261123-WS01-0001-2", "20261123-WS01-0001", ItemOutcome::kMissing}};
  c.cases_without_ecase = {"20261123-WS01-0002"};
  return c;
}

TEST(ConfirmationTest, SignedMessageVerifiesAndRoundTrips) {
  auto signer = testing::TestBackOfficeKey::Generate();
  ASSERT_OK(signer);
  auto wire = signer->Sign(Sample());
  ASSERT_OK(wire);
  auto back = VerifyConfirmation(*wire, {signer->public_key()});
  ASSERT_OK(back);
  EXPECT_EQ(back->register_id, "R-20261124-WS01-001");
  ASSERT_EQ(back->items.size(), 2u);
  EXPECT_EQ(back->items[1].outcome, ItemOutcome::kMissing);
  EXPECT_EQ(back->cases_without_ecase, std::vector<std::string>{"20261123-WS01-0002"});
}

TEST(ConfirmationTest, AlteredPayloadIsRejected) {
  auto signer = testing::TestBackOfficeKey::Generate();
  ASSERT_OK(signer);
  auto wire = nlohmann::json::parse(*signer->Sign(Sample()));
  std::string payload = wire["payload"];
  payload.replace(payload.find("missing"), 7, "receive");  // same length, different meaning
  payload.replace(payload.find("receive\""), 8, "received\"");
  wire["payload"] = payload;
  auto back = VerifyConfirmation(wire.dump(), {signer->public_key()});
  EXPECT_EQ(back.status().code(), Code::kCorrupt);
}

TEST(ConfirmationTest, UntrustedKeyIsRejected) {
  auto signer = testing::TestBackOfficeKey::Generate();
  auto other = testing::TestBackOfficeKey::Generate();
  ASSERT_OK(signer);
  ASSERT_OK(other);
  auto back = VerifyConfirmation(*signer->Sign(Sample()), {other->public_key()});
  EXPECT_EQ(back.status().code(), Code::kPermissionDenied);
}

TEST(ConfirmationTest, GarbageIsCorrupt) {
  EXPECT_EQ(VerifyConfirmation("{]", {}).status().code(), Code::kCorrupt);
  EXPECT_EQ(VerifyConfirmation(R"({"type":"x"})", {}).status().code(), Code::kCorrupt);
}

}  // namespace
}  // namespace intake::paper
