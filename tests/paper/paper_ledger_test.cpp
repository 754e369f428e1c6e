#include "paper/paper_ledger.h"

#include <fstream>

#include "core/file_util.h"
#include "paper/case_record.h"
#include "paper/paper_text.h"
#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::At;
using testing::SampleCase;

class PaperLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions opt;
    opt.workstation = "WS01";
    opt.deadlines.working_days = 5;
    opt.retention_days = 30;
    auto ledger = PaperLedger::Open(dir_.path() / "paper" / "ledger.db", opt);
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
  }

  // A confirmation from the back office covering the register's items.
  PaperConfirmation Confirm(const RegisterInfo& reg, std::vector<std::string> missing = {}) {
    PaperConfirmation c;
    c.confirmation_id = reg.register_id + "@1";
    c.register_id = reg.register_id;
    c.back_office = reg.back_office;
    c.received_at = FormatInstant(At(3, 9));
    c.received_by = "clerk-7";
    c.reconciled_at = FormatInstant(At(3, 11));
    for (const auto& item : reg.items) {
      bool is_missing = std::find(missing.begin(), missing.end(), item.spec.item_id) != missing.end();
      c.items.push_back({item.spec.item_id, item.case_id,
                         is_missing ? ItemOutcome::kMissing : ItemOutcome::kReceived});
    }
    return c;
  }

  ::intake::testing::TempDir dir_;
  std::unique_ptr<PaperLedger> ledger_;
};

TEST_F(PaperLedgerTest, RecordsItemsWithWorkingDayDueDate) {
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 3), At()));
  auto items = ledger_->Items();
  ASSERT_OK(items);
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[0].stage, Stage::kRecorded);
  EXPECT_EQ((*items)[0].due_date, "2026-11-30");  // Monday + 5 working days
  EXPECT_EQ((*items)[1].spec.kind, PaperKind::kCopy);
  EXPECT_EQ((*items)[2].spec.sheets, 3);
  auto events = ledger_->Events("20261123-WS01-0001-1");
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].who, "operator-3");
  EXPECT_EQ((*events)[0].where, "WS01");
}

TEST_F(PaperLedgerTest, RecordingTwiceIsIdempotentButConflictsAreRejected) {
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 2), At()));
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 2), At(1)));
  EXPECT_EQ(ledger_->Items()->size(), 2u);
  auto changed = SampleCase("20261123-WS01-0001", 2);
  changed.items[1].sheets = 7;
  EXPECT_EQ(ledger_->RecordCase(changed, At(1)).code(), Code::kInvalidArgument);
  auto bad = SampleCase("20261123-WS01-0002", 1);
  bad.items[0].item_id = "20261123-WS01-0009-1";
  EXPECT_EQ(ledger_->RecordCase(bad, At()).code(), Code::kInvalidArgument);
}

TEST_F(PaperLedgerTest, FullCustodyChainClosesTheCaseOnlyWithBothReceipts) {
  const std::string id = "20261123-WS01-0001";
  ASSERT_OK(ledger_->RecordCase(SampleCase(id, 2), At()));
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0002", 1, "pfu-oblast"), At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  EXPECT_EQ(reg->register_id, "R-20261124-WS01-001");
  ASSERT_EQ(reg->items.size(), 2u);  // the pfu-oblast case goes in its own register
  EXPECT_EQ(ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1)).status().code(),
            Code::kNotFound);
  ASSERT_OK(ledger_->HandOff(reg->register_id, "courier-1", "WS01", At(1, 15)));
  EXPECT_EQ(ledger_->HandOff(reg->register_id, "courier-1", "WS01", At(1, 15)).code(),
            Code::kFailedPrecondition);
  ASSERT_OK(ledger_->RecordEcaseReceipt(id, At(0, 12)));
  EXPECT_FALSE(ledger_->Case(id)->closed_at.has_value());  // the paper is not in yet

  auto applied = ledger_->ApplyConfirmation(Confirm(*reg), At(3, 12));
  ASSERT_OK(applied);
  EXPECT_EQ(applied->received, 2);
  ASSERT_EQ(applied->closed_cases.size(), 1u);
  auto status = ledger_->Case(id);
  ASSERT_OK(status);
  EXPECT_TRUE(status->paper_receipt_at.has_value());
  EXPECT_EQ(*status->closed_at, FormatInstant(At(3, 12)));

  auto events = ledger_->Events(id + "-1");
  ASSERT_OK(events);
  std::vector<Stage> stages;
  for (const auto& e : *events) stages.push_back(e.stage);
  EXPECT_EQ(stages, (std::vector<Stage>{Stage::kRecorded, Stage::kPacked, Stage::kHandedToCourier,
                                        Stage::kReceived, Stage::kReconciled}));
  EXPECT_EQ((*events)[2].who, "courier-1");
  EXPECT_EQ((*events)[3].who, "clerk-7");
  EXPECT_EQ((*events)[3].where, "uszn-district-1");

  // The same confirmation again changes nothing.
  auto again = ledger_->ApplyConfirmation(Confirm(*reg), At(4));
  ASSERT_OK(again);
  EXPECT_TRUE(again->already_applied);
}

TEST_F(PaperLedgerTest, MissingItemGoesBackToThePileAndIntoTheNextRegister) {
  const std::string id = "20261123-WS01-0001";
  ASSERT_OK(ledger_->RecordCase(SampleCase(id, 2), At()));
  ASSERT_OK(ledger_->RecordEcaseReceipt(id, At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  ASSERT_OK(ledger_->HandOff(reg->register_id, "courier-1", "WS01", At(1)));
  auto applied = ledger_->ApplyConfirmation(Confirm(*reg, {id + "-2"}), At(3));
  ASSERT_OK(applied);
  EXPECT_EQ(applied->missing, 1);
  EXPECT_TRUE(applied->closed_cases.empty());
  EXPECT_FALSE(ledger_->Case(id)->paper_receipt_at.has_value());

  auto second = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(4));
  ASSERT_OK(second);
  EXPECT_EQ(second->register_id, "R-20261127-WS01-001");
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].spec.item_id, id + "-2");
  // The first register still lists both items it carried.
  EXPECT_EQ(ledger_->Register(reg->register_id)->items.size(), 2u);
  PaperConfirmation c = Confirm(*second);
  c.confirmation_id = second->register_id + "@1";
  auto done = ledger_->ApplyConfirmation(c, At(6));
  ASSERT_OK(done);
  EXPECT_EQ(done->closed_cases, std::vector<std::string>{id});
}

TEST_F(PaperLedgerTest, ConfirmationFromAnotherBackOfficeIsRefused) {
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 1), At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At());
  ASSERT_OK(reg);
  auto c = Confirm(*reg);
  c.back_office = "pfu-oblast";
  EXPECT_EQ(ledger_->ApplyConfirmation(c, At(1)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(ledger_->Items()->at(0).stage, Stage::kPacked);
}

TEST_F(PaperLedgerTest, OverdueCountsWorkingDaysAndStopsAtReceipt) {
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 2), At()));  // due 30.11
  auto today = DayOf(At(7));  // Monday 30.11: due today, not late
  EXPECT_TRUE(ledger_->Overdue(today)->empty());
  auto late = ledger_->Overdue(DayOf(At(9)));  // Wednesday 2.12: 2 working days late
  ASSERT_OK(late);
  ASSERT_EQ(late->size(), 2u);
  EXPECT_EQ((*late)[0].working_days_late, 2);
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(8));
  ASSERT_OK(reg);
  EXPECT_EQ(ledger_->Overdue(DayOf(At(9)))->size(), 2u);  // packed is still our responsibility
  ASSERT_OK(ledger_->ApplyConfirmation(Confirm(*reg), At(9)));
  EXPECT_TRUE(ledger_->Overdue(DayOf(At(9)))->empty());
}

TEST_F(PaperLedgerTest, OverdueLinesNameIdsKindAndDaysButNoPersonalData) {
  CaseIntake intake = SampleCase("20261123-WS01-0001", 2);
  ASSERT_FALSE(intake.initials.empty());
  ASSERT_OK(ledger_->RecordCase(intake, At()));
  auto late = ledger_->Overdue(DayOf(At(9)));  // 2 working days late
  ASSERT_OK(late);
  auto lines = OverdueLines(*late);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("case 20261123-WS01-0001 item 20261123-WS01-0001-1 original"),
            std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("2 working day(s) late"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(" copy "), std::string::npos) << lines[1];
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(intake.initials), std::string::npos) << line;
    for (unsigned char c : line) EXPECT_LT(c, 0x80) << "non-ASCII (a name?) in: " << line;
  }
  EXPECT_TRUE(OverdueLines({}).empty());
}

TEST_F(PaperLedgerTest, PurgeRemovesTheCaseFolderAndInitialsAfterRetention) {
  const std::string id = "20261123-WS01-0001";
  auto case_dir = dir_.path() / "cases" / id;
  ASSERT_OK(MakeDirectories(case_dir / "pages"));
  std::ofstream(case_dir / "pages" / "0001.png") << "page";
  auto intake = SampleCase(id, 1);
  intake.case_dir = case_dir.string();
  ASSERT_OK(ledger_->RecordCase(intake, At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At());
  ASSERT_OK(reg);
  ASSERT_OK(ledger_->ApplyConfirmation(Confirm(*reg), At(3)));
  EXPECT_TRUE(ledger_->Purge(At(60))->purged_cases.empty());  // e-case receipt not in: open
  ASSERT_OK(ledger_->RecordEcaseReceipt(id, At(4)));
  EXPECT_TRUE(ledger_->Purge(At(20))->purged_cases.empty());  // retention not passed
  EXPECT_TRUE(std::filesystem::exists(case_dir));
  auto purged = ledger_->Purge(At(34));
  ASSERT_OK(purged);
  EXPECT_EQ(purged->purged_cases, std::vector<std::string>{id});
  EXPECT_FALSE(std::filesystem::exists(case_dir));
  auto status = ledger_->Case(id);
  EXPECT_EQ(status->initials, "");
  EXPECT_TRUE(status->purged_at.has_value());
  EXPECT_TRUE(ledger_->Purge(At(40))->purged_cases.empty());
}

TEST_F(PaperLedgerTest, EveryEventIsInTheAuditLogAndTheAnchorMatches) {
  ASSERT_OK(ledger_->RecordCase(SampleCase("20261123-WS01-0001", 2), At()));
  auto reg = ledger_->CreateRegister("uszn-district-1", "operator-3", "WS01", At(1));
  ASSERT_OK(reg);
  ASSERT_OK(ledger_->HandOff(reg->register_id, "courier-1", "WS01", At(1)));
  auto report = VerifyAuditLog(ledger_->audit_log_path(), ledger_->audit_anchor());
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->entries, 5u);  // case, 2 items, packed, handed over
  EXPECT_EQ(report->entries_after_anchor, 0u);
  // No personal data in the trail.
  EXPECT_EQ(ReadFile(ledger_->audit_log_path())->find("Ш."), std::string::npos);
}

TEST_F(PaperLedgerTest, ReadsCaseJson) {
  auto intake = ParseCaseIntake(R"({
    "case_id": "20261123-WS01-0007", "back_office": "uszn-district-1", "operator": "operator-3",
    "workstation": "WS01",
    "applicant": {"surname": "Шевченко", "given_name": "Тарас", "patronymic": "Григорович",
                  "rnokpp": "1234567899"},
    "documents": [{"id": "d1", "class": "application_form", "pages": [1, 2]}],
    "paper_items": [{"item_id": "20261123-WS01-0007-1", "document": "d1", "kind": "original",
                     "sheets": 2}]})");
  ASSERT_OK(intake);
  EXPECT_EQ(intake->initials, "Ш. Т. Г.");
  ASSERT_EQ(intake->items.size(), 1u);
  EXPECT_EQ(intake->items[0].document_class, "application_form");
  EXPECT_EQ(intake->items[0].sheets, 2);
  auto bad = ParseCaseIntake(R"({"case_id": "20261123-WS01-0007", "paper_items": [
      {"item_id": "20261123-WS01-0007-1", "kind": "scan", "sheets": 1}]})");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseCaseIntake("{").status().code(), Code::kCorrupt);
}

}  // namespace
}  // namespace intake::paper
