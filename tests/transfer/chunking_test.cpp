// Chunk sizing and connection reuse of the tus client (TusClientOptions::chunk_seconds).
// Each PATCH is sized to the link: a throttled link gets chunks of about chunk_seconds of link
// time, an open one grows to max_chunk_size, a cut falls back to chunk_size; all PATCHes of an
// upload share one kept-alive connection.
#include "tests/transfer/loopback_proxy.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;

TransferWorkerOptions Adaptive(double seconds) {
  TransferWorkerOptions options;
  options.tus.chunk_size = 64 << 10;
  options.tus.chunk_seconds = seconds;
  options.tus.min_chunk_size = 64 << 10;
  options.tus.max_chunk_size = 4 << 20;
  options.backoff.initial_seconds = 0;
  return options;
}

TEST(ChunkingTest, ThrottledLinkGetsChunksOfAboutTheTargetTimeOnOneConnection) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  // 4 Mbit/s = 500 kB/s: half a second of link time is about 250 kB.
  LoopbackProxy link(rx.receiver->port(), {.bits_per_second = 4'000'000});
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 900'000, 3);
  auto worker = MakeWorker(dir.path() / "spool", link.url(), rx.receipt_key, Adaptive(0.5));
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  auto stats = worker->DrainDue();
  ASSERT_OK(stats);
  ASSERT_EQ(stats->delivered, 1);
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/C1/package.bin") == bytes);
  int64_t next = worker->client().next_chunk_size();
  EXPECT_GT(next, 64 << 10) << "did not grow from the 64 KiB start";
  EXPECT_LE(next, 320 << 10) << "larger than half a second of a 4 Mbit/s link";
  // OPTIONS, creation, every PATCH and the receipt over one kept-alive connection.
  EXPECT_EQ(link.connections(), 1);
}

TEST(ChunkingTest, OpenLinkGrowsToTheMaximumAndACutFallsBackToTheFirstSize) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 3'000'000, 4);
  LoopbackProxy link(rx.receiver->port(), {.cut_after_bytes = 2'000'000, .down_after_cut = true});
  auto worker = MakeWorker(dir.path() / "spool", link.url(), rx.receipt_key, Adaptive(4));
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  // Attempt 1: 64 KiB, then the rest in one chunk (capped at 4 MiB), cut at 2 MB; the link
  // stays down, so curl's own retry fails too.
  ASSERT_OK(worker->DrainDue());
  EXPECT_EQ(worker->client().last_chunk_size(), 3'000'000 - (64 << 10));
  EXPECT_EQ((*worker->queue().Get("C1"))->state, PackageState::kQueued);
  EXPECT_EQ(worker->client().next_chunk_size(), 64 << 10) << "a cut must shrink the next chunk";
  link.SetDown(false);
  ASSERT_OK(worker->DrainDue());
  EXPECT_EQ((*worker->queue().Get("C1"))->state, PackageState::kDelivered);
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/C1/package.bin") == bytes);
  // Fixed chunks stay fixed.
  TransferWorkerOptions fixed = Adaptive(0);
  auto fixed_worker = MakeWorker(dir.path() / "spool2", rx.url, rx.receipt_key, fixed);
  WriteRandomFile(dir.path() / "d.pkg", 300'000, 5);
  ASSERT_OK(fixed_worker->queue().Enqueue("C2", dir.path() / "d.pkg", 0, 0));
  ASSERT_OK(fixed_worker->DrainDue());
  EXPECT_EQ(fixed_worker->client().last_chunk_size(), 300'000 - 4 * (64 << 10));
}

}  // namespace
}  // namespace intake::transfer
