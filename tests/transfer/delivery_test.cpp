// End-to-end delivery over real HTTP on 127.0.0.1: queue -> tus -> receiver -> receipt.
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/transfer/transfer_fixture.h"
#include "transfer/digest.h"
#include "transfer/http_client.h"
#include "signing/receipt.h"
#include "signing/signer.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;

TEST(DeliveryTest, PackageArrivesBitIdenticalWithVerifiedReceipt) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  ASSERT_TRUE(rx.receiver);
  std::string bytes = WriteRandomFile(dir.path() / "spool/c1.pkg", 2'500'000, 7);
  TransferWorkerOptions options;
  options.tus.chunk_size = 1 << 20;
  options.tus.chunk_seconds = 0;  // fixed chunks: three PATCHes
  auto worker = MakeWorker(dir.path() / "spool", rx.url, rx.receipt_key, options);
  ASSERT_OK(worker->queue().Enqueue("20261123-WS01-0001", dir.path() / "spool/c1.pkg", 0, 1));
  auto stats = worker->DrainDue();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->delivered, 1);
  auto p = worker->queue().Get("20261123-WS01-0001");
  ASSERT_OK(p);
  EXPECT_EQ((*p)->state, PackageState::kDelivered);
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/20261123-WS01-0001/package.bin") == bytes) << "content differs";
  auto receipt = signing::VerifyReceipt((*p)->receipt_json, signing::Ed25519Verifier(rx.receipt_key));
  ASSERT_OK(receipt);
  EXPECT_EQ(receipt->case_id, "20261123-WS01-0001");
  EXPECT_EQ(receipt->package_hash, "sha256:" + Sha256Hex(bytes));
}

TEST(DeliveryTest, StaffOpenAFiledCaseOnTheReceiverHost) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  ASSERT_TRUE(rx.receiver);
  std::string bytes = WriteRandomFile(dir.path() / "spool/c1.pkg", 300'000, 12);
  auto worker = MakeWorker(dir.path() / "spool", rx.url, rx.receipt_key);
  ASSERT_OK(worker->queue().Enqueue("20261123-WS01-0002", dir.path() / "spool/c1.pkg", 0, 1));
  ASSERT_OK(worker->DrainDue());
  auto http = HttpClient::Create({});
  ASSERT_OK(http);
  auto list = (*http)->Perform({"GET", rx.url + "/cases", {}, {}});
  ASSERT_OK(list);
  EXPECT_NE(list->body.find("20261123-WS01-0002"), std::string::npos);
  auto open = (*http)->Perform({"GET", rx.url + "/cases/20261123-WS01-0002", {}, {}});
  ASSERT_OK(open);
  ASSERT_EQ(open->status, 200) << open->body;
  auto listing = nlohmann::json::parse(open->body);
  EXPECT_EQ(listing["receipt"]["package_hash"], "sha256:" + Sha256Hex(bytes));
  std::set<std::string> files;
  for (const auto& f : listing["files"]) files.insert(f["path"].get<std::string>());
  EXPECT_TRUE(files.count("package.bin") && files.count("receipt.txt")) << open->body;
  EXPECT_EQ((*http)->Perform({"GET", rx.url + "/cases/20261123-WS01-0009", {}, {}})->status, 404);
  EXPECT_EQ((*http)->Perform({"GET", rx.url + "/cases/.uploads", {}, {}})->status, 400);
}

TEST(DeliveryTest, ReceiptFromAnotherKeyIsNotAccepted) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  WriteRandomFile(dir.path() / "spool/c1.pkg", 1000, 7);
  auto stranger = MakeKeys(dir.path() / "stranger", "back-office");
  auto worker = MakeWorker(dir.path() / "spool", rx.url, stranger.identity().sign_public);
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "spool/c1.pkg", 0, 1));
  auto stats = worker->DrainDue();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->delivered, 0);
  auto p = worker->queue().Get("C1");
  EXPECT_EQ((*p)->state, PackageState::kQueued);
  EXPECT_NE((*p)->last_error.find("PermissionDenied"), std::string::npos) << (*p)->last_error;
}

TEST(DeliveryTest, DeadReceiverKeepsPackageQueuedUntilItComesBack) {
  TempDir dir;
  uint16_t port;
  std::string url;
  {
    auto probe = StartReceiver(dir.path() / "probe");
    port = probe.receiver->port();  // a port that is free again once the probe stops
  }
  auto keys = MakeKeys(dir.path() / "bo-keys", "back-office");
  signing::PublicKey receipt_key = keys.identity().sign_public;
  url = "http://127.0.0.1:" + std::to_string(port);
  std::string bytes = WriteRandomFile(dir.path() / "spool/c1.pkg", 300'000, 9);
  int64_t now = 1000;
  TransferWorkerOptions options;
  options.clock = [&now] { return now; };
  auto worker = MakeWorker(dir.path() / "spool", url, receipt_key, options);
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "spool/c1.pkg", 0, now));
  auto stats = worker->DrainDue();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->failed, 1);
  auto p = worker->queue().Get("C1");
  EXPECT_EQ((*p)->state, PackageState::kQueued);
  EXPECT_GT((*p)->next_try, now);
  EXPECT_NE((*p)->last_error.find("Unavailable"), std::string::npos) << (*p)->last_error;
  // Not due yet: nothing happens.
  EXPECT_EQ(worker->DrainDue()->failed, 0);

  auto rx = StartReceiver(dir.path(), {}, port);
  ASSERT_TRUE(rx.receiver);
  now += 3600;
  stats = worker->DrainDue();
  ASSERT_OK(stats);
  EXPECT_EQ(stats->delivered, 1);
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/C1/package.bin") == bytes) << "content differs";
}

}  // namespace
}  // namespace intake::transfer
