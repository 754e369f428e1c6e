// The whole paper cycle on pixels: intake → cover sheet PDF → register PDF → rendered to page
// images → "scanned" back (rotated, skewed, stained, covered) → decoded → reconciled at the back
// office → signed confirmation → applied on the workstation.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "paper/back_office_desk.h"
#include "paper/cover_sheet.h"
#include "paper/paper_ledger.h"
#include "paper/register_pdf.h"
#include "signing/key_store.h"
#include "tests/paper/paper_test_util.h"
#include "tests/paper/scan_simulator.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::At;
using testing::Px;
using testing::SampleCase;

constexpr double kDpi = 200;
const std::string kA = "20261123-WS01-0001", kB = "20261123-WS01-0002", kC = "20261123-WS01-0003";

class PaperCycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions opt;
    opt.workstation = "WS01";
    auto ledger = PaperLedger::Open(dir_.path() / "ws" / "ledger.db", opt);
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
    auto book = ReceiptBook::Open(dir_.path() / "bo" / "receipts.db");
    ASSERT_OK(book);
    book_ = std::move(*book);
    auto scanner = CodeScanner::Create();
    ASSERT_OK(scanner);
    scanner_ = std::move(*scanner);
    // One key management: the back office signs confirmations with its KeyStore's signing key
    // (the one that signs delivery receipts); the workstation trusts that back office in its
    // own KeyStore and verifies with BackOffice().sign_public.
    auto bo = signing::KeyStore::Init(dir_.path() / "bo-keys", "back-office", "uszn-district-1");
    ASSERT_OK(bo);
    bo_keys_.emplace(std::move(*bo));
    auto ws = signing::KeyStore::Init(dir_.path() / "ws-keys", "workstation", "WS01");
    ASSERT_OK(ws);
    ASSERT_OK(ws->TrustBackOffice(bo_keys_->identity()));
    auto trusted = ws->BackOffice();
    ASSERT_OK(trusted);
    trusted_ = {trusted->sign_public};
    signer_ = std::make_unique<signing::Ed25519Signer>(bo_keys_->signing_key());
  }

  std::vector<cv::Mat> Render(const Result<std::string>& pdf) {
    EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
    auto pages = testing::RenderPdf(pdf.ok() ? *pdf : std::string(), kDpi);
    EXPECT_FALSE(pages.empty());
    return pages;
  }
  std::filesystem::path Save(const cv::Mat& page, const std::string& name) {
    return testing::SavePng(page, dir_.path() / (name + ".png"));
  }

  ::intake::testing::TempDir dir_;
  std::unique_ptr<PaperLedger> ledger_;
  std::unique_ptr<ReceiptBook> book_;
  std::unique_ptr<CodeScanner> scanner_;
  std::optional<signing::KeyStore> bo_keys_;
  std::unique_ptr<signing::Ed25519Signer> signer_;
  std::vector<Ed25519PublicKey> trusted_;
};

TEST_F(PaperCycleTest, IntakeToConfirmedReceiptOnScannedPages) {
  // Intake at the desk.
  std::map<std::string, CaseIntake> cases = {{kA, SampleCase(kA, 2)},
                                             {kB, SampleCase(kB, 3)},
                                             {kC, SampleCase(kC, 1)}};
  std::map<std::string, cv::Mat> covers;
  for (auto& [id, intake] : cases) {
    ASSERT_OK(ledger_->RecordCase(intake, At()));
    covers[id] = Render(RenderCoverSheetPdf(intake, DayOf(At())))[0];
  }
  // Hand-off: one register for the back office, handed to the courier.
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  ASSERT_EQ(reg->items.size(), 6u);
  ASSERT_OK(ledger_->HandOff(reg->register_id, "courier-1", "WS01", At(1, 14)));
  auto register_pages = Render(RenderRegisterPdf(*reg, "ЦНАП (WS01)"));
  ASSERT_EQ(register_pages.size(), 2u);  // two copies of one page

  // The back office scans the courier's copy and each cover sheet, as they come.
  DeskInput desk;
  desk.scans = {Save(testing::Rotate(register_pages[1], 3), "register"),
                Save(testing::Rotate(covers[kA], 90), "cover-a"),
                Save(testing::Stain(testing::Skew(covers[kB], 0.06), 7), "cover-b"),
                Save(testing::JpegRoundTrip(testing::Rotate(covers[kC], -8), 40), "cover-c")};
  desk.marked_missing = {kB + "-3"};
  desk.clerk = "clerk-7";
  desk.back_office = "uszn-district-1";
  desk.ecases = {{kA, {1, 2}}, {kB, {1, 2, 3}}};  // the e-case of C never arrived
  auto received = ReceiveAtDesk(desk, *scanner_, *book_, *signer_, At(3, 9));
  ASSERT_OK(received);
  EXPECT_TRUE(received->pages_without_code.empty());
  EXPECT_EQ(received->unreadable_codes, 0);
  std::set<std::string> findings;
  for (const auto& f : received->reconciliation.findings) {
    findings.insert(std::string(FindingName(f.kind)) + ":" + f.subject);
    EXPECT_FALSE(f.action.empty());
  }
  EXPECT_EQ(findings, (std::set<std::string>{"item_missing:" + kB + "-3",
                                             "ecase_not_arrived:" + kC}));

  // The confirmation travels back; the workstation verifies and applies it.
  ASSERT_OK(ledger_->RecordEcaseReceipt(kA, At(0, 12)));
  ASSERT_OK(ledger_->RecordEcaseReceipt(kB, At(0, 12)));
  auto outbox = book_->Outbox("WS01", 0);
  ASSERT_OK(outbox);
  ASSERT_EQ(outbox->size(), 1u);
  auto applied = ApplyConfirmationWire(*ledger_, (*outbox)[0].wire, trusted_, At(3, 10));
  ASSERT_OK(applied);
  EXPECT_EQ(applied->received, 5);
  EXPECT_EQ(applied->missing, 1);
  EXPECT_EQ(applied->closed_cases, std::vector<std::string>{kA});
  EXPECT_FALSE(ledger_->Case(kB)->closed_at.has_value());  // one original still on its way
  EXPECT_FALSE(ledger_->Case(kC)->closed_at.has_value());  // paper in, e-case receipt not
  EXPECT_TRUE(ledger_->Case(kC)->paper_receipt_at.has_value());
  auto b3 = ledger_->Items(kB);
  ASSERT_OK(b3);
  EXPECT_EQ((*b3)[2].stage, Stage::kMissing);

  // The courier brings the same register again: flagged, nothing counted twice.
  auto again = ReceiveAtDesk(desk, *scanner_, *book_, *signer_, At(4, 9));
  ASSERT_OK(again);
  EXPECT_TRUE(again->reconciliation.received_twice);
  EXPECT_EQ(again->reconciliation.findings.front().kind, Finding::Kind::kRegisterReceivedTwice);
  auto second = book_->Outbox("WS01", (*outbox)[0].seq);
  ASSERT_OK(second);
  ASSERT_EQ(second->size(), 1u);
  auto reapplied = ApplyConfirmationWire(*ledger_, (*second)[0].wire, trusted_, At(4, 10));
  ASSERT_OK(reapplied);
  EXPECT_EQ(reapplied->received, 0);
  EXPECT_TRUE(reapplied->closed_cases.empty());

  // The whole trail is intact.
  auto audit = VerifyAuditLog(ledger_->audit_log_path(), ledger_->audit_anchor());
  ASSERT_OK(audit);
  EXPECT_TRUE(audit->ok());
}

TEST_F(PaperCycleTest, TypedIdsWorkWhenTheRegisterCodeIsUnreadable) {
  ASSERT_OK(ledger_->RecordCase(SampleCase(kA, 2), At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  DeskInput desk;
  desk.typed = {reg->register_id, kA};
  desk.clerk = "clerk-7";
  desk.back_office = "uszn-district-1";
  desk.ecases = {{kA, {1, 2}}};
  auto received = ReceiveAtDesk(desk, *scanner_, *book_, *signer_, At(2));
  ASSERT_OK(received);
  ASSERT_EQ(received->reconciliation.findings.size(), 1u);
  EXPECT_EQ(received->reconciliation.findings[0].kind, Finding::Kind::kRegisterUnreadable);
  EXPECT_EQ(received->confirmation.items.size(), 2u);
  auto applied = ApplyConfirmationWire(*ledger_, received->wire, trusted_, At(2));
  ASSERT_OK(applied);
  EXPECT_EQ(applied->received, 2);
}

TEST_F(PaperCycleTest, RegisterForAnotherBackOfficeIsRefused) {
  ASSERT_OK(ledger_->RecordCase(SampleCase(kA, 1, "pfu-oblast"), At()));
  auto reg = ledger_->CreateRegister("pfu-oblast", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  auto code = RegisterCodeOf(*reg);
  ASSERT_OK(code);
  DeskInput desk;
  desk.typed = {*code};
  desk.clerk = "clerk-7";
  desk.back_office = "uszn-district-1";
  auto received = ReceiveAtDesk(desk, *scanner_, *book_, *signer_, At(2));
  ASSERT_OK(received);
  EXPECT_TRUE(received->reconciliation.refused);
  EXPECT_TRUE(received->wire.empty());
  EXPECT_TRUE(book_->Outbox("WS01", 0)->empty());
}

TEST_F(PaperCycleTest, NoRegisterOnThePagesAsksForIt) {
  ASSERT_OK(ledger_->RecordCase(SampleCase(kA, 1), At()));
  auto cover = Render(RenderCoverSheetPdf(SampleCase(kA, 1), DayOf(At())))[0];
  DeskInput desk;
  desk.scans = {Save(cover, "cover")};
  desk.back_office = "uszn-district-1";
  auto received = ReceiveAtDesk(desk, *scanner_, *book_, *signer_, At(2));
  EXPECT_EQ(received.status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace intake::paper
