// HTTPS with a pinned CA: delivered when the receiver's certificate chains to the configured
// CA, refused (and kept queued) when it does not.
#include <cstdlib>

#include "core/file_util.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

TEST(TlsTest, PinnedCaDeliversForeignCaIsRefused) {
  TempDir dir;
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl CLI not installed";
  ASSERT_TRUE(MakeTestCa(dir.path(), "bo"));
  ASSERT_TRUE(MakeTestCa(dir.path(), "other"));
  ReceiverOptions options;
  options.http.tls_cert_pem = *ReadFile(dir.path() / "bo-server.pem");
  options.http.tls_key_pem = *ReadFile(dir.path() / "bo-server.key");
  auto rx = StartReceiver(dir.path(), options);
  ASSERT_TRUE(rx.receiver);
  ASSERT_EQ(rx.url.rfind("https://", 0), 0u);
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 300'000, 4);

  TransferWorkerOptions wrong;
  wrong.tus.transport.ca_file = (dir.path() / "other-ca.pem").string();
  auto refused = MakeWorker(dir.path() / "spool-a", rx.url, rx.receipt_key, wrong);
  ASSERT_OK(refused->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  ASSERT_OK(refused->DrainDue());
  auto p = **refused->queue().Get("C1");
  EXPECT_EQ(p.state, PackageState::kQueued);
  EXPECT_FALSE(p.last_error.empty());

  TransferWorkerOptions pinned;
  pinned.tus.transport.ca_file = (dir.path() / "bo-ca.pem").string();
  auto worker = MakeWorker(dir.path() / "spool-b", rx.url, rx.receipt_key, pinned);
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  ASSERT_OK(worker->DrainDue());
  p = **worker->queue().Get("C1");
  EXPECT_EQ(p.state, PackageState::kDelivered) << p.last_error;
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/C1/package.bin") == bytes);
}

}  // namespace
}  // namespace intake::transfer
