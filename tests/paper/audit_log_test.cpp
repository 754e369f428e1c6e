#include "paper/audit_log.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "core/file_util.h"
#include "tests/paper/paper_test_util.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

using testing::At;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "audit.jsonl";
    auto log = AuditLog::Open(path_);
    ASSERT_OK(log);
    for (int i = 0; i < 6; ++i) {
      ASSERT_OK((*log)->Append(At(0, 8 + i), "operator-3", "paper.item_recorded",
                               "20261123-WS01-0001-" + std::to_string(i + 1), "sheets=1"));
    }
    anchor_ = (*log)->head();
  }
  std::vector<std::string> Lines() {
    std::istringstream in(*ReadFile(path_));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  void Write(const std::vector<std::string>& lines) {
    std::ofstream out(path_, std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
  }
  AuditVerifyReport Verify() {
    auto r = VerifyAuditLog(path_, anchor_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditVerifyReport{};
  }
  ::intake::testing::TempDir dir_;
  std::filesystem::path path_;
  AuditAnchor anchor_;
};

TEST_F(AuditLogTest, IntactChainVerifies) {
  auto r = Verify();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.entries, 6u);
  EXPECT_EQ(r.head.seq, 6u);
  EXPECT_EQ(r.head.hash, anchor_.hash);
}

TEST_F(AuditLogTest, ReopenContinuesTheChain) {
  auto log = AuditLog::Open(path_);
  ASSERT_OK(log);
  EXPECT_EQ((*log)->head().seq, 6u);
  ASSERT_OK((*log)->Append(At(1), "courier-1", "paper.handed_to_courier", "R-20261124-WS01-001", ""));
  anchor_ = (*log)->head();
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditLogTest, ChangedEntryIsCaught) {
  auto lines = Lines();
  auto pos = lines[2].find("sheets=1");
  lines[2].replace(pos, 8, "sheets=2");
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_NE(r.problems[0].what.find("changed"), std::string::npos);
}

TEST_F(AuditLogTest, ForgedEntryWithRecomputedHashIsCaughtByTheNextEntry) {
  auto lines = Lines();
  // The forger rewrites entry 3 and recomputes its hash, but cannot fix entry 4's prev.
  auto prev_pos = lines[2].find("\"prev\":\"") + 8;
  AuditEntry forged{3, FormatInstant(At(0, 10)), "operator-3", "paper.item_recorded",
                    "20261123-WS01-0001-3", "sheets=9", lines[2].substr(prev_pos, 64), ""};
  lines[2] = FormatAuditLine(forged);
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems[0].line, 4u);
  EXPECT_NE(r.problems[0].what.find("chain broken"), std::string::npos) << r.problems[0].what;
}

TEST_F(AuditLogTest, RemovedEntryIsCaught) {
  auto lines = Lines();
  lines.erase(lines.begin() + 3);
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems[0].what.find("removed"), std::string::npos) << r.problems[0].what;
}

TEST_F(AuditLogTest, ReorderedEntriesAreCaught) {
  auto lines = Lines();
  std::swap(lines[1], lines[2]);
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  bool out_of_order = false;
  for (const auto& p : r.problems) out_of_order |= p.what.find("out of order") != std::string::npos;
  EXPECT_TRUE(out_of_order);
}

TEST_F(AuditLogTest, EntriesCutFromTheEndAreCaughtByTheAnchor) {
  auto lines = Lines();
  lines.resize(4);
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems.back().what.find("removed at the end"), std::string::npos);
  // Without the anchor the shortened chain is self-consistent: the anchor is what catches it.
  auto unanchored = VerifyAuditLog(path_, std::nullopt);
  ASSERT_OK(unanchored);
  EXPECT_TRUE(unanchored->ok());
}

TEST_F(AuditLogTest, TornFinalLineIsCutOnOpen) {
  {
    std::ofstream out(path_, std::ios::app);
    out << "{\"seq\":7,\"at\":\"2026-11-2";
  }
  auto log = AuditLog::Open(path_);
  ASSERT_OK(log);
  EXPECT_EQ((*log)->head().seq, 6u);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(AuditLogTest, GarbageLineIsReported) {
  auto lines = Lines();
  lines.insert(lines.begin() + 2, "not json at all");
  Write(lines);
  auto r = Verify();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems[0].line, 3u);
}

}  // namespace
}  // namespace intake::paper
