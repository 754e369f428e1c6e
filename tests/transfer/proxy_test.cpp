// --proxy (TransportOptions::proxy): the workstation reaches the receiver only through an HTTP
// forward proxy. The receiver is addressed as "receiver.invalid", a name DNS never resolves,
// which only the test proxy maps to 127.0.0.1: without the proxy the upload cannot happen, with
// it the case is delivered bit-identical and the proxy saw every request.
#include <ctime>

#include "core/file_util.h"
#include "signing/trust_store.h"
#include "tests/transfer/forward_proxy.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

constexpr char kHost[] = "receiver.invalid";

// Queues `file` as case C1 in a fresh spool and drains once: the case must be delivered
// bit-identical to `bytes`.
void DeliverOnce(const fs::path& root, const std::string& url, const ReceiverHandle& rx,
                 const TransferWorkerOptions& options, const std::string& bytes) {
  auto worker = MakeWorker(root / "spool", url, rx.receipt_key, options);
  ASSERT_OK(worker->queue().Enqueue("C1", root / "c.pkg", 0, 0));
  ASSERT_OK(worker->DrainDue());
  auto p = **worker->queue().Get("C1");
  EXPECT_EQ(p.state, PackageState::kDelivered) << p.last_error;
  EXPECT_TRUE(ReadAll(root / "inbox/C1/package.bin") == bytes);
}

int CountStartingWith(const std::vector<std::string>& requests, const std::string& prefix) {
  int n = 0;
  for (const auto& r : requests) n += r.rfind(prefix, 0) == 0;
  return n;
}

TEST(ProxyTest, SignedUploadGoesThroughAForwardProxyOnly) {
  TempDir dir;
  auto ws = MakeKeys(dir.path() / "ws-keys", "workstation");
  auto trust = signing::TrustStore::Load(dir.path() / "trust.json");
  ASSERT_OK(trust);
  ASSERT_OK(trust->Enroll(ws.identity(), "2026-11-23T00:00:00Z"));
  ASSERT_OK(trust->Save());
  ReceiverOptions rx_options;
  rx_options.trust_store = dir.path() / "trust.json";
  rx_options.require_signed_requests = true;  // the signature covers the path, not the proxy form
  rx_options.verify_packages = false;         // random bytes: transport only
  auto rx = StartReceiver(dir.path(), rx_options);
  ASSERT_TRUE(rx.receiver);
  std::string url = std::string("http://") + kHost + ":" + std::to_string(rx.receiver->port());
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 700'000, 8);

  TransferWorkerOptions options;
  options.tus.workstation_key = &ws.signing_key();
  options.tus.chunk_size = 256 << 10;
  options.tus.chunk_seconds = 0;  // several PATCHes, each a proxied request
  options.clock = [] { return static_cast<int64_t>(std::time(nullptr)); };

  // No proxy: the name does not resolve, nothing is delivered.
  auto direct = MakeWorker(dir.path() / "spool-direct", url, rx.receipt_key, options);
  ASSERT_OK(direct->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  ASSERT_OK(direct->DrainDue());
  EXPECT_EQ((*direct->queue().Get("C1"))->state, PackageState::kQueued);

  ForwardProxy proxy({kHost});
  options.tus.transport.proxy = proxy.url();
  DeliverOnce(dir.path(), url, rx, options, bytes);
  auto seen = proxy.requests();
  std::string files = std::string("http://") + kHost + ":" + std::to_string(rx.receiver->port()) + "/files/";
  EXPECT_EQ(CountStartingWith(seen, "POST " + files), 1);
  EXPECT_EQ(CountStartingWith(seen, "PATCH " + files), 3);  // 700 kB in 256 KiB chunks
  EXPECT_GE(proxy.client_bytes(), static_cast<int64_t>(bytes.size()));
}

TEST(ProxyTest, HttpsGoesThroughAConnectTunnelWithThePinnedCa) {
  TempDir dir;
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl CLI not installed";
  ASSERT_TRUE(MakeTestCa(dir.path(), "bo", std::string("DNS:") + kHost));
  ReceiverOptions rx_options;
  rx_options.http.tls_cert_pem = *ReadFile(dir.path() / "bo-server.pem");
  rx_options.http.tls_key_pem = *ReadFile(dir.path() / "bo-server.key");
  auto rx = StartReceiver(dir.path(), rx_options);
  ASSERT_TRUE(rx.receiver);
  std::string authority = std::string(kHost) + ":" + std::to_string(rx.receiver->port());
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 300'000, 9);

  ForwardProxy proxy({kHost});
  TransferWorkerOptions options;
  options.tus.transport.ca_file = (dir.path() / "bo-ca.pem").string();
  options.tus.transport.proxy = proxy.url();
  DeliverOnce(dir.path(), "https://" + authority, rx, options, bytes);
  // Everything went through tunnels to the receiver; the proxy saw no plain request.
  auto seen = proxy.requests();
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(CountStartingWith(seen, "CONNECT " + authority), static_cast<int>(seen.size()));
}

}  // namespace
}  // namespace intake::transfer
