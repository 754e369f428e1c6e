// A real full disk: the receiver's inbox and uploads on a tiny tmpfs (needs root and mount
// permission; skipped otherwise — the quota seam in fault_test.cpp covers the logic anyway).
#include "tests/support/tmpfs.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using intake::testing::Tmpfs;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

TEST(DiskFullTest, RealFullFilesystemIsClearErrorThenDeliveredAfterSpaceIsFreed) {
  TempDir dir;
  Tmpfs disk(dir.path() / "disk", "600k");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << ")";
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 1'500'000, 21);
  ReceiverOptions options;
  options.inbox = dir.path() / "disk/inbox";
  auto rx = StartReceiver(dir.path(), options);
  ASSERT_TRUE(rx.receiver);
  int64_t now = 1'000'000;
  TransferWorkerOptions wo;
  wo.tus.chunk_size = 256 * 1024;
  wo.tus.chunk_seconds = 0;  // fixed chunks: the disk fills mid-upload
  wo.clock = [&now] { return now; };
  auto worker = MakeWorker(dir.path() / "spool", rx.url, rx.receipt_key, wo);
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "c.pkg", 0, now));
  ASSERT_OK(worker->DrainDue());
  auto p = **worker->queue().Get("C1");
  EXPECT_EQ(p.state, PackageState::kQueued);
  EXPECT_NE(p.last_error.find("disk is full"), std::string::npos) << p.last_error;

  ASSERT_TRUE(disk.Resize("8m")) << "remount failed";
  now += 10'000;
  ASSERT_OK(worker->DrainDue());
  p = **worker->queue().Get("C1");
  EXPECT_EQ(p.state, PackageState::kDelivered) << p.last_error;
  EXPECT_TRUE(ReadAll(dir.path() / "disk/inbox/C1/package.bin") == bytes) << "content differs";
}

}  // namespace
}  // namespace intake::transfer
