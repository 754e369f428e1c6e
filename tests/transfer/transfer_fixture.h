// Shared pieces of the transfer tests: random package files, an in-process receiver with a
// fresh receipt key, and a worker wired to it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/test_util.h"
#include "transfer/receiver.h"
#include "transfer/transfer_worker.h"

namespace intake::transfer::testing {

// Writes `size` pseudo-random bytes (seeded) to `path`; returns the bytes.
std::string WriteRandomFile(const std::filesystem::path& path, size_t size, unsigned seed);
std::string ReadAll(const std::filesystem::path& path);

struct ReceiverHandle {
  std::unique_ptr<Receiver> receiver;
  PublicKey receipt_key{};
  std::string url;
};

// Starts a receiver on 127.0.0.1 (free port, or `port`) filing into <root>/inbox.
ReceiverHandle StartReceiver(const std::filesystem::path& root, ReceiverOptions options = {},
                             uint16_t port = 0);

std::unique_ptr<TransferWorker> MakeWorker(const std::filesystem::path& spool,
                                           const std::string& url, const PublicKey& receipt_key,
                                           TransferWorkerOptions options = {});

}  // namespace intake::transfer::testing
