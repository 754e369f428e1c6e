// Link and peer faults. After each: the case is delivered exactly once and bit-identical.
#include <atomic>
#include <thread>

#include "tests/transfer/loopback_proxy.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

constexpr int64_t kChunk = 256 * 1024;
constexpr size_t kSize = 1'500'000;

class FaultTest : public ::testing::Test {
 protected:
  std::unique_ptr<TransferWorker> Worker(const std::string& url, const signing::PublicKey& key,
                                         bool checksum = true, const fs::path& spool = {}) {
    TransferWorkerOptions options;
    options.tus.chunk_size = kChunk;
    options.tus.chunk_seconds = 0;  // fixed chunks: faults are placed by chunk
    options.tus.use_checksum = checksum;
    options.clock = [this] { return now_.load(); };
    auto worker = MakeWorker(spool.empty() ? tmp_.path() / "spool" : spool, url, key, options);
    EXPECT_OK(worker->queue().Enqueue("C1", tmp_.path() / "c1.pkg", 0, now_));
    return worker;
  }
  // Drains until delivered (the clock jumps past every backoff); returns attempts used.
  int DrainUntilDelivered(TransferWorker& worker, int max_attempts = 6) {
    for (int i = 1; i <= max_attempts; ++i) {
      EXPECT_OK(worker.DrainDue());
      if ((*worker.queue().Get("C1"))->state == PackageState::kDelivered) return i;
      now_ += 10'000;
    }
    return -1;
  }
  void ExpectDeliveredOnce(const std::string& last_error_hint = "") {
    EXPECT_TRUE(ReadAll(tmp_.path() / "inbox/C1/package.bin") == bytes_) << "content differs";
    int filed = 0;
    for (const auto& e : fs::directory_iterator(tmp_.path() / "inbox"))
      if (e.path().filename().string()[0] != '.') ++filed;
    EXPECT_EQ(filed, 1);
  }

  TempDir tmp_;
  std::atomic<int64_t> now_{1'000'000};
  std::string bytes_ = WriteRandomFile(tmp_.path() / "c1.pkg", kSize, 11);
};

TEST_F(FaultTest, ConnectionCutMidChunkResendsAtMostOneChunk) {
  auto rx = StartReceiver(tmp_.path());
  LoopbackProxy proxy(rx.receiver->port(), {.cut_after_bytes = 700'000});
  auto worker = Worker(proxy.url(), rx.receipt_key);
  // libcurl may itself retry a request whose reused connection died before any answer;
  // either way at most one more attempt is needed.
  int attempts = DrainUntilDelivered(*worker);
  EXPECT_GE(attempts, 1);
  EXPECT_LE(attempts, 2);
  EXPECT_TRUE(proxy.cut_done());
  // Everything that crossed the link beyond the file (HTTP headers too: allow 16 KiB).
  int64_t resent = proxy.client_bytes() - static_cast<int64_t>(kSize);
  EXPECT_LE(resent, kChunk + 16 * 1024) << "bytes sent again after the cut";
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, CorruptedChunkGets460AndIsResent) {
  auto rx = StartReceiver(tmp_.path());
  LoopbackProxy proxy(rx.receiver->port(), {.corrupt_at_byte = 600'000});
  auto worker = Worker(proxy.url(), rx.receipt_key);
  EXPECT_EQ(DrainUntilDelivered(*worker), 1);  // resent within the same attempt
  EXPECT_TRUE(proxy.corrupt_done());
  int64_t resent = worker->client().total_body_bytes_sent() - static_cast<int64_t>(kSize);
  EXPECT_EQ(resent, kChunk);
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, CorruptionWithoutChecksumIsCaughtByTheWholeFileHash) {
  auto rx = StartReceiver(tmp_.path());
  LoopbackProxy proxy(rx.receiver->port(), {.corrupt_at_byte = 600'000});
  auto worker = Worker(proxy.url(), rx.receipt_key, /*checksum=*/false);
  EXPECT_EQ(DrainUntilDelivered(*worker), 2);  // refused (422), then sent again from zero
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, ReceiverRestartedMidUploadResumes) {
  uint16_t port;
  {
    auto probe = StartReceiver(tmp_.path() / "probe");
    port = probe.receiver->port();
  }
  auto rx = std::make_unique<ReceiverHandle>(StartReceiver(tmp_.path(), {}, port));
  LoopbackProxy slow(port, {.bits_per_second = 8'000'000});
  auto worker = Worker(slow.url(), rx->receipt_key);
  std::thread upload([&] { (void)worker->DrainDue(); });
  for (int i = 0; i < 400 && slow.client_bytes() < 500'000; ++i)  // well under way
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  rx.reset();                                                    // receiver stops mid-upload
  upload.join();
  auto p = **worker->queue().Get("C1");
  ASSERT_EQ(p.state, PackageState::kQueued);
  EXPECT_FALSE(p.upload_url.empty());
  rx = std::make_unique<ReceiverHandle>(StartReceiver(tmp_.path(), {}, port));
  now_ += 10'000;
  int64_t before = worker->client().total_body_bytes_sent();
  EXPECT_EQ(DrainUntilDelivered(*worker), 1);
  // The first chunk was acknowledged before the stop (its 204 came back before chunk 2 went
  // out), so the second attempt resumes after it; the chunk in flight is lost at most.
  EXPECT_LE(worker->client().total_body_bytes_sent() - before, static_cast<int64_t>(kSize) - kChunk)
      << "the second attempt resumed rather than starting over";
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, ReceiverDiskFullIsClearErrorThenDeliveredLater) {
  ReceiverOptions options;
  options.tus.storage_quota_bytes = 500'000;  // Env seam: the upload folder is "full" at 0.5 MB
  uint16_t port;
  signing::PublicKey key;
  std::unique_ptr<TransferWorker> worker;
  {
    auto rx = StartReceiver(tmp_.path(), options);
    port = rx.receiver->port();
    key = rx.receipt_key;
    worker = Worker(rx.url, key);
    ASSERT_OK(worker->DrainDue());
    auto p = **worker->queue().Get("C1");
    EXPECT_EQ(p.state, PackageState::kQueued);
    EXPECT_NE(p.last_error.find("disk is full"), std::string::npos) << p.last_error;
    EXPECT_GT(p.next_try, now_.load());
  }
  auto rx = StartReceiver(tmp_.path(), {}, port);  // space freed
  now_ += 10'000;
  int64_t before = worker->client().total_body_bytes_sent();
  EXPECT_EQ(DrainUntilDelivered(*worker), 1);
  // The chunks acknowledged before the disk filled are not sent again.
  EXPECT_LE(worker->client().total_body_bytes_sent() - before, static_cast<int64_t>(kSize) - kChunk);
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, ExpiredUploadStartsOver) {
  std::atomic<int64_t> server_now{now_.load()};
  ReceiverOptions options;
  options.tus.expires_in_seconds = 3600;
  options.tus.clock = [&server_now] { return server_now.load(); };
  options.tus.storage_quota_bytes = 600'000;  // the first attempt stops part way
  uint16_t port;
  std::unique_ptr<TransferWorker> worker;
  std::string first_url;
  {
    auto rx = StartReceiver(tmp_.path(), options);
    port = rx.receiver->port();
    worker = Worker(rx.url, rx.receipt_key);
    ASSERT_OK(worker->DrainDue());  // a partial upload stays on the server
    first_url = (*worker->queue().Get("C1"))->upload_url;
    ASSERT_FALSE(first_url.empty());
  }
  options.tus.storage_quota_bytes = 0;
  auto rx = StartReceiver(tmp_.path(), options, port);
  server_now += 7200;  // the partial upload expires
  now_ += 10'000;
  EXPECT_EQ(DrainUntilDelivered(*worker), 1);
  EXPECT_NE((*worker->queue().Get("C1"))->upload_url, first_url);
  ExpectDeliveredOnce();
}

TEST_F(FaultTest, SameCaseFromTwoQueuesIsFiledOnceAndSentOnce) {
  auto rx = StartReceiver(tmp_.path());
  auto first = Worker(rx.url, rx.receipt_key, true, tmp_.path() / "spool-a");
  auto second = Worker(rx.url, rx.receipt_key, true, tmp_.path() / "spool-b");
  EXPECT_EQ(DrainUntilDelivered(*first), 1);
  EXPECT_EQ(DrainUntilDelivered(*second), 1);
  EXPECT_EQ(second->client().total_body_bytes_sent(), 0) << "the receiver already had these bytes";
  EXPECT_EQ((*first->queue().Get("C1"))->receipt_json, (*second->queue().Get("C1"))->receipt_json);
  ExpectDeliveredOnce();
}

}  // namespace
}  // namespace intake::transfer
