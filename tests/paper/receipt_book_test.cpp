#include "paper/receipt_book.h"

#include "paper/paper_settings.h"
#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"

#include <fstream>
#include <sys/stat.h>

namespace intake::paper {
namespace {

using testing::At;

TEST(ReceiptBookTest, RecordsFirstReceiptAndQueuesPerWorkstation) {
  ::intake::testing::TempDir dir;
  auto book = ReceiptBook::Open(dir.path() / "receipts.db");
  ASSERT_OK(book);
  EXPECT_FALSE((*book)->FirstReceipt("R-20261124-WS01-001")->has_value());
  ASSERT_OK((*book)->Record("R-20261124-WS01-001", "clerk-7", At(2), 0, "c1", "wire-1"));
  ASSERT_OK((*book)->Record("R-20261124-WS02-001", "clerk-7", At(2), 0, "c2", "wire-2"));
  ASSERT_OK((*book)->Record("R-20261124-WS01-001", "clerk-7", At(3), 1, "c3", "wire-3"));
  ASSERT_OK((*book)->Record("R-20261124-WS01-001", "clerk-7", At(3), 1, "c3", "wire-3"));  // retry
  EXPECT_EQ(**(*book)->FirstReceipt("R-20261124-WS01-001"), FormatInstant(At(2)));
  auto ws1 = (*book)->Outbox("WS01", 0);
  ASSERT_OK(ws1);
  ASSERT_EQ(ws1->size(), 2u);
  EXPECT_EQ((*ws1)[0].wire, "wire-1");
  EXPECT_EQ((*ws1)[1].wire, "wire-3");
  EXPECT_EQ((*book)->Outbox("WS01", (*ws1)[1].seq)->size(), 0u);
  EXPECT_EQ((*book)->Outbox("WS02", 0)->size(), 1u);
  EXPECT_EQ((*book)->Record("bad", "clerk-7", At(3), 0, "c4", "w").code(), Code::kInvalidArgument);
  EXPECT_EQ(WorkstationOfRegister("R-20261124-WS01-001"), "WS01");
}

TEST(PaperSettingsTest, ReadsFileAndRefusesKeySettings) {
  ::intake::testing::TempDir dir;
  std::ofstream(dir.path() / "holidays.txt") << "2026-12-25\n";
  std::ofstream(dir.path() / "paper.json")
      << R"({"workstation": "WS07", "working_days": 3, "retention_days": 14, "holidays_file": ")"
      << (dir.path() / "holidays.txt").string() << R"("})";
  auto s = LoadPaperSettings(dir.path() / "paper.json");
  ASSERT_OK(s);
  EXPECT_EQ(s->ledger.workstation, "WS07");
  EXPECT_EQ(s->front_office, "WS07");
  EXPECT_EQ(s->ledger.deadlines.working_days, 3);
  EXPECT_EQ(s->ledger.retention_days, 14);
  EXPECT_EQ(s->ledger.deadlines.holidays.size(), 1u);
  std::ofstream(dir.path() / "bad.json") << R"({"working_days": 0})";
  EXPECT_EQ(LoadPaperSettings(dir.path() / "bad.json").status().code(), Code::kInvalidArgument);
  // Paper keys are the signing key store's now: an old setting is refused, not ignored.
  std::ofstream(dir.path() / "old.json") << R"({"trusted_back_office_keys": []})";
  auto old = LoadPaperSettings(dir.path() / "old.json");
  EXPECT_EQ(old.status().code(), Code::kInvalidArgument);
  EXPECT_NE(old.status().message().find("intake keys trust"), std::string::npos);
}

}  // namespace
}  // namespace intake::paper
