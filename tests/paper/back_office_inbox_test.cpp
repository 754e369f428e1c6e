// LoadInboxPaperItems: the back office learns which e-cases arrived (and their paper items)
// from its inbox, in every layout a case can be filed in — above all the one intake-receiver
// writes (<inbox>/<case>/bag/data/case.json), else every register would flag its cases'
// e-cases as never arrived.
#include "paper/back_office_desk.h"

#include "core/case_record.h"
#include "core/file_util.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

namespace fs = std::filesystem;

void WriteCase(const fs::path& case_json, const std::string& case_id, int items) {
  CaseRecord record;
  record.case_id = case_id;
  record.workstation = "WS01";
  for (int n = 1; n <= items; ++n)
    record.paper_items.push_back({case_id + "-" + std::to_string(n), "d1", "original", 1});
  fs::create_directories(case_json.parent_path());
  ASSERT_OK(WriteFileAtomic(case_json, CaseRecordToJson(record)));
}

TEST(BackOfficeInboxTest, FindsCasesInEveryFiledLayoutAndCountsUnreadableOnes) {
  testing::TempDir inbox;
  WriteCase(inbox.path() / "20261123-WS01-0001" / "bag" / "data" / "case.json",
            "20261123-WS01-0001", 2);  // as intake-receiver files it
  WriteCase(inbox.path() / "20261123-WS01-0002" / "data" / "case.json", "20261123-WS01-0002", 1);
  WriteCase(inbox.path() / "20261123-WS01-0003" / "case.json", "20261123-WS01-0003", 3);
  fs::create_directories(inbox.path() / "20261123-WS01-0004" / "bag" / "data");
  ASSERT_OK(WriteFileAtomic(inbox.path() / "20261123-WS01-0004" / "bag" / "data" / "case.json",
                            "{ truncated"));
  fs::create_directories(inbox.path() / "upload-in-progress");  // no case.json: not a case

  int skipped = -1;
  auto ecases = LoadInboxPaperItems(inbox.path(), &skipped);
  ASSERT_OK(ecases);
  EXPECT_EQ(skipped, 1);
  ASSERT_EQ(ecases->size(), 3u);
  EXPECT_EQ(ecases->at("20261123-WS01-0001"), (std::vector<int>{1, 2}));
  EXPECT_EQ(ecases->at("20261123-WS01-0002"), (std::vector<int>{1}));
  EXPECT_EQ(ecases->at("20261123-WS01-0003"), (std::vector<int>{1, 2, 3}));
}

TEST(BackOfficeInboxTest, MissingInboxIsNamed) {
  testing::TempDir dir;
  auto ecases = LoadInboxPaperItems(dir.path() / "no-such-inbox");
  EXPECT_EQ(ecases.status().code(), Code::kNotFound);
  EXPECT_NE(ecases.status().message().find("no-such-inbox"), std::string::npos);
}

}  // namespace
}  // namespace intake::paper
