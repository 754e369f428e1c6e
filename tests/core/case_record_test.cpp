#include "core/case_record.h"

#include "tests/support/test_util.h"

namespace intake {
namespace {

PageSummary Page(int n, std::string type, bool blank = false) {
  PageSummary p;
  p.number = n;
  p.doc_type = std::move(type);
  p.blank = blank;
  p.doc_confidence = 0.9;
  return p;
}

TEST(CaseRecordTest, GroupsPagesIntoDocumentsAndKeepsBlankPagesApart) {
  std::vector<PageSummary> pages = {Page(1, "application_form"), Page(2, "income_declaration"),
                                    Page(3, "income_declaration"), Page(4, "", true),
                                    Page(5, "passport")};
  pages[0].fields.push_back({"rnokpp", "3129403421", true, 0.95});
  pages[0].fields.push_back({"iban", "UA00BROKEN", false, 0.99});
  CaseRecord record;
  record.case_id = "20261123-WS01-0001";
  FillFromPages(pages, &record);
  ASSERT_EQ(record.documents.size(), 3u);
  EXPECT_EQ(record.documents[1].pages, (std::vector<int>{2, 3}));
  EXPECT_EQ(record.blank_pages, (std::vector<int>{4}));
  EXPECT_EQ(record.applicant.at("rnokpp"), "3129403421");
  EXPECT_EQ(record.applicant.count("iban"), 0u) << "an invalid field is not taken as applicant data";
  ASSERT_EQ(record.paper_items.size(), 3u);
  EXPECT_EQ(record.paper_items[0].kind, "original");
  EXPECT_EQ(record.paper_items[2].kind, "copy");
  EXPECT_EQ(record.paper_items[1].sheets, 2);
  EXPECT_EQ(record.paper_items[1].item_id, "20261123-WS01-0001-2");
}

TEST(CaseRecordTest, JsonRoundTrip) {
  CaseRecord record;
  record.case_id = "20261123-WS01-0002";
  record.applicant["surname"] = "Ковальчук";
  FillFromPages({Page(1, "application_form")}, &record);
  auto parsed = ParseCaseRecord(CaseRecordToJson(record));
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->case_id, record.case_id);
  EXPECT_EQ(parsed->applicant.at("surname"), "Ковальчук");
  EXPECT_EQ(parsed->paper_items.size(), 1u);
  EXPECT_EQ(ParseCaseRecord("{}").status().code(), Code::kCorrupt);
}

TEST(CaseRecordTest, PaperItemDefaultsAndWrongTypes) {
  auto parsed = ParseCaseRecord(R"({"case_id": "20261123-WS01-0003",
      "paper_items": [{"item_id": "20261123-WS01-0003-1"},
                      {"item_id": "20261123-WS01-0003-2", "document": "d2", "kind": "copy",
                       "sheets": 3}]})");
  ASSERT_OK(parsed);
  ASSERT_EQ(parsed->paper_items.size(), 2u);
  EXPECT_EQ(parsed->paper_items[0].document, "");
  EXPECT_EQ(parsed->paper_items[0].kind, "original");
  EXPECT_EQ(parsed->paper_items[0].sheets, 1);
  EXPECT_EQ(parsed->paper_items[1].kind, "copy");
  EXPECT_EQ(parsed->paper_items[1].sheets, 3);
  // Never throws on hostile input: wrong types and non-objects are kCorrupt.
  EXPECT_EQ(ParseCaseRecord(R"({"case_id": 7})").status().code(), Code::kCorrupt);
  EXPECT_EQ(ParseCaseRecord(R"({"case_id": "x", "applicant": {"surname": 1}})").status().code(),
            Code::kCorrupt);
  EXPECT_EQ(ParseCaseRecord("[1, 2]").status().code(), Code::kCorrupt);
  EXPECT_EQ(ParseCaseRecord("{").status().code(), Code::kCorrupt);
}

}  // namespace
}  // namespace intake
