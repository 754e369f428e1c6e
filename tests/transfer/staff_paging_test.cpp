// The staff list in pages, over real HTTP on a real in-process receiver: more cases than a
// page (filed through the receiver's own CaseFiler), newest first, the links to older and
// newer pages followed exactly as the HTML writes them, cases arriving between two requests
// neither repeated nor skipped, and malformed page links refused with 400.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/case_record.h"
#include "core/file_util.h"
#include "tests/transfer/staff_http.h"
#include "tests/transfer/transfer_fixture.h"
#include "transfer/staff_case_index.h"
#include "transfer/staff_view.h"

namespace intake::transfer::testing {
namespace {

namespace fs = std::filesystem;
using intake::testing::TempDir;

constexpr int64_t kBase = 1795428000;  // 2026-11-23T10:00:00Z

std::string CaseId(int n) {
  char id[32];
  std::snprintf(id, sizeof id, "20261123-WS07-%04d", n);
  return id;
}

// Unpacks like the signing verifier would: a bag with case.json naming the workstation.
PackageVerifier BagWriter() {
  return [](const fs::path&, const std::string& case_id, const fs::path& dir) -> Status {
    INTAKE_RETURN_IF_ERROR(MakeDirectories(dir / "bag" / "data", 0750));
    CaseRecord record;
    record.case_id = case_id;
    record.workstation = "WS07";
    return WriteFileAtomic(dir / "bag" / "data" / "case.json", CaseRecordToJson(record), 0640);
  };
}

struct PagingSite {
  TempDir dir;
  ReceiverHandle rx;
  std::string base;

  PagingSite() {
    ReceiverOptions options;
    options.verifier = BagWriter();
    rx = StartReceiver(dir.path(), std::move(options));
    if (rx.receiver) base = "http://127.0.0.1:" + std::to_string(rx.receiver->port());
  }
  // Files case n as received at `at` (Unix seconds), as the receiver does after an upload.
  void File(int n, int64_t at) {
    const fs::path package = dir.path() / "package.tmp";
    WriteRandomFile(package, 64, static_cast<unsigned>(n));
    auto receipt = rx.receiver->filer().File(package, CaseId(n), "", at);
    ASSERT_OK(receipt);
  }
};

// Case ids in the order the list shows them.
std::vector<std::string> ListedCases(const std::string& html) {
  std::vector<std::string> ids;
  const std::string mark = "<tr><td><a href=\"/staff/cases/";
  for (size_t at = html.find(mark); at != std::string::npos; at = html.find(mark, at + 1)) {
    size_t start = at + mark.size();
    ids.push_back(html.substr(start, html.find('"', start) - start));
  }
  return ids;
}

// The href of the link with rel="next"/"prev" ("" when there is none).
std::string Link(const std::string& html, const std::string& rel) {
  const std::string mark = "rel=\"" + rel + "\" href=\"";
  size_t at = html.find(mark);
  if (at == std::string::npos) return "";
  at += mark.size();
  return html.substr(at, html.find('"', at) - at);
}

// Case ids from `from` down to `to` (inclusive), newest first.
std::vector<std::string> Ids(int from, int to) {
  std::vector<std::string> ids;
  for (int n = from; n >= to; --n) ids.push_back(CaseId(n));
  return ids;
}

TEST(StaffPagingTest, PagesNewestFirstAndStayPutWhileCasesArrive) {
  PagingSite site;
  ASSERT_TRUE(site.rx.receiver);
  // 120 cases, two a minute: pairs share a receipt time, so the order within a second (case
  // id, descending) decides at page boundaries.
  for (int n = 1; n <= 120; ++n) ASSERT_NO_FATAL_FAILURE(site.File(n, kBase + (n / 2) * 60));

  StaffHttpReply first = StaffRequest(site.base + "/staff/");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(ListedCases(first.body), Ids(120, 71));
  EXPECT_NE(first.body.find("Справи 1–50 з 120"), std::string::npos) << first.body;
  EXPECT_EQ(Link(first.body, "prev"), "") << "nothing is newer than the first page";
  const std::string next = Link(first.body, "next");
  ASSERT_EQ(next.rfind("/staff/?before=", 0), 0u) << first.body;
  EXPECT_NE(next.find("%3A"), std::string::npos) << "the cursor is percent-encoded: " << next;
  EXPECT_NE(first.body.find("Старіші справи →"), std::string::npos);

  StaffHttpReply second = StaffRequest(site.base + next);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(ListedCases(second.body), Ids(70, 21));
  EXPECT_NE(second.body.find("Справи 51–100 з 120"), std::string::npos);
  EXPECT_NE(Link(second.body, "prev"), "");
  EXPECT_NE(second.body.find("← Новіші справи"), std::string::npos);

  // Three cases arrive while the clerk reads the second page.
  for (int n = 121; n <= 123; ++n) ASSERT_NO_FATAL_FAILURE(site.File(n, kBase + 10'000 + n));

  StaffHttpReply third = StaffRequest(site.base + Link(second.body, "next"));
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(ListedCases(third.body), Ids(20, 1)) << "no case repeated or skipped";
  EXPECT_NE(third.body.find("Справи 104–123 з 123"), std::string::npos) << third.body;
  EXPECT_EQ(Link(third.body, "next"), "") << "the oldest page has no older link";

  // Back up: the page before the third is the second one again, unchanged.
  StaffHttpReply back = StaffRequest(site.base + Link(third.body, "prev"));
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(ListedCases(back.body), Ids(70, 21));
  StaffHttpReply back2 = StaffRequest(site.base + Link(back.body, "prev"));
  EXPECT_EQ(ListedCases(back2.body), Ids(120, 71));
  // ...and from there the three new cases are one more step up: the newest page.
  StaffHttpReply newest = StaffRequest(site.base + Link(back2.body, "prev"));
  EXPECT_EQ(ListedCases(newest.body), Ids(123, 74));
  EXPECT_EQ(Link(newest.body, "prev"), "");
  EXPECT_EQ(ListedCases(StaffRequest(site.base + "/staff/").body), Ids(123, 74));
}

TEST(StaffPagingTest, MalformedPageLinksAre400AndShowNoCases) {
  PagingSite site;
  ASSERT_TRUE(site.rx.receiver);
  for (int n = 1; n <= 3; ++n) ASSERT_NO_FATAL_FAILURE(site.File(n, kBase + n));
  const std::string ok = "2026-11-23T10:00:02Z~" + CaseId(2);
  StaffHttpReply valid = StaffRequest(site.base + "/staff/?before=" + ok);
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(ListedCases(valid.body), Ids(1, 1));

  for (const std::string& query :
       std::vector<std::string>{"?page=2", "?before=", "?before=2", "?before=yesterday~" + CaseId(1),
        "?before=2026-11-23T10:00:02Z~..%2F..%2Fetc", "?after=2026-11-23T10:00:02Z~a%2Fb",
        "?before=" + ok + "&after=" + ok, "?before=2026-11-23%2010:00:02~" + CaseId(1)}) {
    StaffHttpReply r = StaffRequest(site.base + "/staff/" + query);
    EXPECT_EQ(r.status, 400) << query << "\n" << r.body;
    EXPECT_NE(r.body.find("Неправильне посилання"), std::string::npos) << query;
    EXPECT_NE(r.body.find("Відкрийте список справ заново"), std::string::npos) << query;
    EXPECT_EQ(r.body.find(CaseId(1)), std::string::npos) << query;
  }
  // The safety rules hold on paged URLs too: wrong Host is refused before anything is listed.
  StaffHttpReply foreign = StaffRequest(site.base + "/staff/?before=" + ok, {"Host: rebind.example"});
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.body.find(CaseId(1)), std::string::npos);
  // Past the oldest case: an empty page that leads back.
  StaffHttpReply past = StaffRequest(site.base + "/staff/?before=2026-11-23T09:00:00Z~" + CaseId(1));
  ASSERT_EQ(past.status, 200);
  EXPECT_TRUE(ListedCases(past.body).empty());
  EXPECT_NE(past.body.find("До найновіших"), std::string::npos);
}

// The index on its own: removed case folders drop out, a case with an unreadable receipt time
// sorts last and its cursor still round-trips.
TEST(StaffCaseIndexTest, FollowsTheInboxAndRoundTripsCursors) {
  TempDir inbox;
  for (const char* id : {"A-1", "A-2", "A-3"}) fs::create_directories(inbox.path() / id);
  fs::create_directories(inbox.path() / ".incoming-A-4");  // never listed
  int loads = 0;
  StaffCaseIndex index(inbox.path(), [&](const std::string& id) -> Result<StaffCaseSummary> {
    ++loads;
    StaffCaseSummary s;
    s.case_id = id;
    s.received_at = id == "A-2" ? "garbled" : "2026-11-23T10:00:0" + id.substr(2) + "Z";
    return s;
  });
  auto page = index.Page(std::nullopt, std::nullopt, 2);
  ASSERT_OK(page);
  ASSERT_EQ(page->cases.size(), 2u);
  EXPECT_EQ(page->cases[0].case_id, "A-3");
  EXPECT_EQ(page->cases[1].case_id, "A-1");
  ASSERT_TRUE(page->older.has_value());
  auto cursor = ParseStaffCursor(FormatStaffCursor(*page->older));
  ASSERT_OK(cursor);
  auto rest = index.Page(*cursor, std::nullopt, 2);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->cases.size(), 1u);
  EXPECT_EQ(rest->cases[0].case_id, "A-2");  // its time unreadable: last
  EXPECT_EQ(rest->first_position, 3u);
  ASSERT_TRUE(rest->newer.has_value());
  auto garbled = ParseStaffCursor(FormatStaffCursor(StaffCursorOf(rest->cases[0])));
  ASSERT_OK(garbled);
  EXPECT_EQ(index.Page(*garbled, std::nullopt, 2)->cases.size(), 0u);
  EXPECT_EQ(loads, 3) << "each case is read once";

  fs::remove_all(inbox.path() / "A-3");
  auto after = index.Page(std::nullopt, std::nullopt, 5);
  ASSERT_OK(after);
  EXPECT_EQ(after->total, 2u);
  EXPECT_EQ(after->cases[0].case_id, "A-1");
  EXPECT_FALSE(index.Page(*cursor, *cursor, 2).ok());
}

}  // namespace
}  // namespace intake::transfer::testing
