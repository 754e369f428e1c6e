// Shared pieces of the transfer tests: random package files, an in-process receiver with a
// fresh receipt key, and a worker wired to it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/test_util.h"
#include "signing/key_store.h"
#include "transfer/receiver.h"
#include "transfer/transfer_worker.h"

namespace intake::transfer::testing {

// Writes `size` pseudo-random bytes (seeded) to `path`; returns the bytes.
std::string WriteRandomFile(const std::filesystem::path& path, size_t size, unsigned seed);
std::string ReadAll(const std::filesystem::path& path);

struct ReceiverHandle {
  std::unique_ptr<Receiver> receiver;
  signing::PublicKey receipt_key{};  // the back office's sign_public
  std::string url;
};

// A fresh signing key store (role "back-office" or "workstation") in `dir`.
signing::KeyStore MakeKeys(const std::filesystem::path& dir, std::string_view role);

// Starts a receiver on 127.0.0.1 (free port, or `port`) filing into <root>/inbox, with a fresh
// back-office key store in <root>/bo-keys (reused when it exists). Unless the options say
// otherwise, packages are checked by hash only (verify_packages = false).
ReceiverHandle StartReceiver(const std::filesystem::path& root, ReceiverOptions options = {},
                             uint16_t port = 0);

// Makes <dir>/<name>-ca.pem and, signed by it, <dir>/<name>-server.{pem,key} (EC keys, openssl
// CLI) valid for `subject_alt_names` (openssl syntax). False when openssl failed.
bool MakeTestCa(const std::filesystem::path& dir, const std::string& name,
                const std::string& subject_alt_names = "IP:127.0.0.1");

std::unique_ptr<TransferWorker> MakeWorker(const std::filesystem::path& spool,
                                           const std::string& url,
                                           const signing::PublicKey& receipt_key,
                                           TransferWorkerOptions options = {});

}  // namespace intake::transfer::testing
