#include "paper/reconciler.h"

#include <set>

#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

const std::string kA = "20261123-WS01-0001", kB = "20261123-WS01-0002", kX = "20261123-WS01-0009";

ReceiptInput Base() {
  ReceiptInput in;
  in.register_id = "R-20261124-WS01-001";
  in.register_back_office = "uszn-district-1";
  in.back_office = "uszn-district-1";
  in.register_cases = std::vector<CaseItems>{{kA, {1, 2}}, {kB, {1}}};
  in.covers = {{kA, {1, 2}}, {kB, {1}}};
  in.ecases = {{kA, {1, 2}}, {kB, {1}}, {kX, {1}}};
  return in;
}

std::set<std::string> Kinds(const Reconciliation& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(std::string(FindingName(f.kind)) + ":" + f.subject);
  return out;
}

int Count(const Reconciliation& r, ItemOutcome o) {
  int n = 0;
  for (const auto& i : r.items) n += i.outcome == o;
  return n;
}

TEST(ReconcilerTest, CompleteBundleIsClean) {
  auto r = Reconcile(Base());
  EXPECT_TRUE(r.clean());
  EXPECT_EQ(Count(r, ItemOutcome::kReceived), 3);
}

TEST(ReconcilerTest, MarkedMissingItemIsFlagged) {
  auto in = Base();
  in.marked_missing = {kA + "-2"};
  auto r = Reconcile(in);
  EXPECT_EQ(Kinds(r), std::set<std::string>{"item_missing:" + kA + "-2"});
  EXPECT_EQ(Count(r, ItemOutcome::kMissing), 1);
  EXPECT_NE(r.findings[0].action.find("повторно"), std::string::npos);
}

TEST(ReconcilerTest, CaseWithoutCoverSheetIsMissingWhole) {
  auto in = Base();
  in.covers = {{kA, {1, 2}}};
  auto r = Reconcile(in);
  EXPECT_EQ(Kinds(r), std::set<std::string>{"case_missing:" + kB});
  EXPECT_EQ(Count(r, ItemOutcome::kMissing), 1);
}

TEST(ReconcilerTest, ExtraCaseAndExtraItemAreFlagged) {
  auto in = Base();
  in.covers.push_back({kX, {1}});
  in.marked_extra = {kB + "-2"};
  auto r = Reconcile(in);
  EXPECT_EQ(Kinds(r), (std::set<std::string>{"extra_case:" + kX, "extra_item:" + kB + "-2"}));
  EXPECT_EQ(Count(r, ItemOutcome::kExtra), 2);
}

TEST(ReconcilerTest, PaperWithoutECaseIsFlagged) {
  auto in = Base();
  in.ecases.erase(kB);
  auto r = Reconcile(in);
  EXPECT_EQ(Kinds(r), std::set<std::string>{"ecase_not_arrived:" + kB});
  EXPECT_EQ(r.cases_without_ecase, std::vector<std::string>{kB});
}

TEST(ReconcilerTest, RegisterReceivedTwiceIsFlagged) {
  auto in = Base();
  in.previous_receipt_at = "2026-11-25T09:00:00Z";
  auto r = Reconcile(in);
  EXPECT_TRUE(r.received_twice);
  EXPECT_EQ(Kinds(r), std::set<std::string>{"register_received_twice:R-20261124-WS01-001"});
}

TEST(ReconcilerTest, RegisterForAnotherBackOfficeIsRefused) {
  auto in = Base();
  in.register_back_office = "pfu-oblast";
  auto r = Reconcile(in);
  EXPECT_TRUE(r.refused);
  EXPECT_TRUE(r.items.empty());
}

TEST(ReconcilerTest, TypedRegisterUsesCoversAndECases) {
  auto in = Base();
  in.register_cases.reset();
  in.register_back_office.clear();
  in.covers = {{kA, {}}};  // case id typed: items from the e-case
  auto r = Reconcile(in);
  EXPECT_EQ(Kinds(r), std::set<std::string>{"register_unreadable:R-20261124-WS01-001"});
  EXPECT_EQ(Count(r, ItemOutcome::kReceived), 2);
}

}  // namespace
}  // namespace intake::paper
