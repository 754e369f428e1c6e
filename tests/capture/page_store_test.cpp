// PageStore: numbering, metadata round trip, and recovery from a crash mid-page.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "capture/page_store.h"
#include "core/file_util.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

Result<PageMetadata> CommitText(PageStore& store, const std::string& content) {
  fs::path partial = store.PartialPath("pnm");
  std::ofstream(partial) << content;
  PageMetadata meta;
  meta.device = "pnm:0";
  meta.settings = {{"resolution", "300"}};
  meta.checks.push_back({"nearly_blank", "Сторінка майже порожня.", "contrast 3"});
  meta.rescan = true;
  return store.Commit(partial, "pnm", meta);
}

TEST(PageStoreTest, CommitsInOrderWithMetadata) {
  intake::testing::TempDir dir;
  auto store = PageStore::Open(dir.path() / "case");
  ASSERT_OK(store);
  EXPECT_EQ(store->next_sequence(), 1);
  auto first = CommitText(*store, "one");
  ASSERT_OK(first);
  EXPECT_EQ(first->file, "0001.pnm");
  EXPECT_EQ(first->bytes, 3u);
  EXPECT_FALSE(first->captured_at.empty());
  ASSERT_OK(CommitText(*store, "two"));
  auto listed = store->List();
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].sequence, 2);
  EXPECT_EQ((*listed)[1].settings.at("resolution"), "300");
  EXPECT_EQ((*listed)[1].checks.at(0).message_uk, "Сторінка майже порожня.");
  EXPECT_TRUE((*listed)[1].rescan);
  EXPECT_EQ(*ReadFile(dir.path() / "case/pages/0002.pnm"), "two");
}

TEST(PageStoreTest, ReopenRemovesLeftoversOfAPageThatNeverCompleted) {
  intake::testing::TempDir dir;
  {
    auto store = PageStore::Open(dir.path() / "case");
    ASSERT_OK(store);
    ASSERT_OK(CommitText(*store, "one"));
  }
  const fs::path pages = dir.path() / "case/pages";
  std::ofstream(pages / ".partial-0002.pnm") << "half a page";      // crash while streaming
  std::ofstream(pages / "0002.pnm") << "renamed but no json";         // crash between renames
  std::ofstream(pages / "0002.json.tmp123") << "{";                   // crash mid JSON write
  auto store = PageStore::Open(dir.path() / "case");
  ASSERT_OK(store);
  EXPECT_EQ(store->removed_partials(), 3);
  EXPECT_EQ(store->next_sequence(), 2);
  EXPECT_FALSE(fs::exists(pages / "0002.pnm"));
  EXPECT_TRUE(fs::exists(pages / "0001.pnm"));
  auto next = CommitText(*store, "two");
  ASSERT_OK(next);
  EXPECT_EQ(next->file, "0002.pnm");
}

TEST(PageStoreTest, CorruptMetadataIsReportedNotIgnored) {
  intake::testing::TempDir dir;
  auto store = PageStore::Open(dir.path() / "case");
  ASSERT_OK(store);
  ASSERT_OK(CommitText(*store, "one"));
  std::ofstream(dir.path() / "case/pages/0001.json") << "{not json";
  auto listed = store->List();
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), Code::kCorrupt);
}

TEST(PageStoreTest, OpeningACaseBeingScannedLeavesThePageInFlightAlone) {
  intake::testing::TempDir dir;
  auto writer = PageStore::Open(dir.path() / "case");
  ASSERT_OK(writer);
  EXPECT_TRUE(writer->exclusive());
  const fs::path in_flight = writer->PartialPath("pnm");
  std::ofstream(in_flight) << "rows arriving";
  auto second = PageStore::Open(dir.path() / "case");
  ASSERT_OK(second);
  EXPECT_FALSE(second->exclusive());
  EXPECT_TRUE(fs::exists(in_flight));
  auto listed = PageStore::ListPages(dir.path() / "case");
  ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
  EXPECT_TRUE(fs::exists(in_flight));
  ASSERT_OK(writer->Commit(in_flight, "pnm", {}));
  EXPECT_EQ(PageStore::ListPages(dir.path() / "case")->size(), 1u);
}

}  // namespace
}  // namespace intake::capture
