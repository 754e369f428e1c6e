#include "tests/transfer/transfer_fixture.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace intake::transfer::testing {

bool MakeTestCa(const std::filesystem::path& dir, const std::string& name,
                const std::string& subject_alt_names) {
  std::string d = dir.string() + "/" + name;
  std::string script =
      "set -e; cd '" + dir.string() + "'; "
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" + name + "-ca -keyout '" + d +
      "-ca.key' -out '" + d + "-ca.pem' 2>/dev/null; "
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=" + name + "-server -keyout '" + d + "-server.key' -out '" + d +
      "-server.csr' 2>/dev/null; "
      "printf 'subjectAltName=" + subject_alt_names + "\\n' > '" + d + "-ext.cnf'; "
      "openssl x509 -req -in '" + d + "-server.csr' -CA '" + d + "-ca.pem' -CAkey '" + d +
      "-ca.key' -CAcreateserial -days 2 -extfile '" + d + "-ext.cnf' -out '" + d +
      "-server.pem' 2>/dev/null";
  return std::system(script.c_str()) == 0;
}

std::string WriteRandomFile(const std::filesystem::path& path, size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

signing::KeyStore MakeKeys(const std::filesystem::path& dir, std::string_view role) {
  auto keys = signing::KeyStore::Init(dir, role, std::string(role) == "workstation" ? "WS01" : "test-bo");
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  return std::move(*keys);
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ReceiverHandle StartReceiver(const std::filesystem::path& root, ReceiverOptions options,
                             uint16_t port) {
  ReceiverHandle h;
  auto keys = std::filesystem::exists(root / "bo-keys") ? signing::KeyStore::Open(root / "bo-keys")
                                                        : signing::KeyStore::Init(root / "bo-keys", "back-office", "test-bo");
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  h.receipt_key = keys->identity().sign_public;
  if (options.inbox.empty()) options.inbox = root / "inbox";
  if (!options.verifier && options.trust_store.empty()) options.verify_packages = false;
  options.http.host = "127.0.0.1";
  options.http.port = port;
  auto receiver = Receiver::Start(std::move(options), std::move(*keys));
  EXPECT_TRUE(receiver.ok()) << receiver.status().ToString();
  if (!receiver.ok()) return h;
  h.receiver = std::move(*receiver);
  h.url = h.receiver->base_url();
  return h;
}

std::unique_ptr<TransferWorker> MakeWorker(const std::filesystem::path& spool,
                                           const std::string& url,
                                           const signing::PublicKey& receipt_key,
                                           TransferWorkerOptions options) {
  auto queue = TransferQueue::Open(spool / "transfer-queue.db");
  EXPECT_TRUE(queue.ok()) << queue.status().ToString();
  options.receiver_url = url;
  options.back_office_key = receipt_key;
  if (options.backoff.initial_seconds == BackoffPolicy{}.initial_seconds) options.backoff.initial_seconds = 1;
  auto worker = TransferWorker::Create(std::move(options), std::move(*queue));
  EXPECT_TRUE(worker.ok()) << worker.status().ToString();
  return worker.ok() ? std::move(*worker) : nullptr;
}

}  // namespace intake::transfer::testing
