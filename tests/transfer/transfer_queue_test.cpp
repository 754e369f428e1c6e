#include "transfer/transfer_queue.h"

#include "tests/support/test_util.h"
#include "tests/transfer/transfer_fixture.h"
#include "transfer/digest.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using testing::WriteRandomFile;

TEST(TransferQueueTest, EnqueueTwiceIsANoOp) {
  TempDir dir;
  WriteRandomFile(dir.path() / "a.pkg", 1000, 1);
  auto queue = TransferQueue::Open(dir.path() / "q.db");
  ASSERT_OK(queue);
  auto first = (*queue)->Enqueue("20261123-WS01-0001", dir.path() / "a.pkg", 0, 100);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto second = (*queue)->Enqueue("20261123-WS01-0001", dir.path() / "a.pkg", 0, 200);
  ASSERT_OK(second);
  EXPECT_FALSE(*second);
  auto all = (*queue)->List();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].size, 1000);
  EXPECT_EQ((*all)[0].sha256, *Sha256FileHex(dir.path() / "a.pkg"));
  EXPECT_EQ((*all)[0].state, PackageState::kQueued);
}

TEST(TransferQueueTest, SameCaseWithOtherContentIsRefused) {
  TempDir dir;
  WriteRandomFile(dir.path() / "a.pkg", 1000, 1);
  WriteRandomFile(dir.path() / "b.pkg", 1000, 2);
  auto queue = TransferQueue::Open(dir.path() / "q.db");
  ASSERT_OK(queue);
  ASSERT_OK((*queue)->Enqueue("C1", dir.path() / "a.pkg", 0, 1));
  auto other = (*queue)->Enqueue("C1", dir.path() / "b.pkg", 0, 1);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), Code::kAlreadyExists);
}

TEST(TransferQueueTest, DueOrderRetryAndDeliveredSurviveReopen) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) WriteRandomFile(dir.path() / (std::to_string(i) + ".pkg"), 10, i);
  {
    auto queue = TransferQueue::Open(dir.path() / "q.db");
    ASSERT_OK(queue);
    ASSERT_OK((*queue)->Enqueue("low", dir.path() / "0.pkg", 0, 10));
    ASSERT_OK((*queue)->Enqueue("high", dir.path() / "1.pkg", 5, 20));
    ASSERT_OK((*queue)->Enqueue("later", dir.path() / "2.pkg", 0, 30));
    auto next = (*queue)->NextDue(100);
    ASSERT_OK(next);
    ASSERT_TRUE(next->has_value());
    EXPECT_EQ((*next)->package_id, "high");
    ASSERT_OK((*queue)->MarkUploading("high"));
    ASSERT_OK((*queue)->SetUploadUrl("high", "http://x/files/abc"));
    ASSERT_OK((*queue)->MarkRetry("high", "Unavailable: receiver down", 500));
    ASSERT_OK((*queue)->MarkUploading("low"));
    ASSERT_OK((*queue)->MarkDelivered("low", "{}", 120));
  }
  auto queue = TransferQueue::Open(dir.path() / "q.db");
  ASSERT_OK(queue);
  auto high = (*queue)->Get("high");
  ASSERT_OK(high);
  EXPECT_EQ((*high)->attempts, 1);
  EXPECT_EQ((*high)->upload_url, "http://x/files/abc");
  EXPECT_EQ((*high)->last_error, "Unavailable: receiver down");
  auto next = (*queue)->NextDue(200);
  ASSERT_OK(next);
  EXPECT_EQ((*next)->package_id, "later");  // high waits until 500, low is delivered
  auto earliest = (*queue)->EarliestNextTry();
  ASSERT_OK(earliest);
  EXPECT_EQ(**earliest, 30);
  auto purged = (*queue)->PurgeDelivered(1000);
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "0.pkg"));
  EXPECT_EQ((*(*queue)->Get("low"))->state, PackageState::kPurged);
  auto again = (*queue)->Enqueue("low", dir.path() / "1.pkg", 0, 1);
  EXPECT_FALSE(again.ok());  // purged case ids stay known
}

}  // namespace
}  // namespace intake::transfer
