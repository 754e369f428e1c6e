// TransferWorker: drains the TransferQueue to one receiver. For each due package: upload or
// resume it (tus), obtain the receipt (final PATCH header, else GET /receipts/<case>), verify
// it (signing/receipt.h) with the configured back office's key, the case id and the package
// hash, and only then mark the package
// delivered. Any failure leaves the package queued with last_error and a jittered next_try.
//
// Thread safety: one worker per thread; it owns its queue connection and HTTP client.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "transfer/backoff.h"
#include "signing/key_types.h"
#include "transfer/transfer_queue.h"
#include "transfer/tus_client.h"

namespace intake::transfer {

struct TransferWorkerOptions {
  std::string receiver_url;     // base URL, e.g. http://127.0.0.1:8080
  std::string files_path = "/files/";
  std::string receipts_path = "/receipts/";
  bool require_receipt = true;  // false only against foreign tus servers (interop tests)
  signing::PublicKey back_office_key{};  // its sign_public verifies receipts
  TusClientOptions tus;         // endpoint is derived from receiver_url + files_path
  BackoffPolicy backoff;
  std::function<int64_t()> clock;  // Unix seconds; default system clock
};

struct DrainStats {
  int delivered = 0;
  int failed = 0;  // attempts that left a package queued
};

class TransferWorker {
 public:
  static Result<std::unique_ptr<TransferWorker>> Create(TransferWorkerOptions options,
                                                        std::unique_ptr<TransferQueue> queue);

  // Attempts one package; Status of that attempt (already recorded in the queue).
  Status Deliver(const QueuedPackage& package);
  // Attempts every package due now, once each. Returns what happened.
  Result<DrainStats> DrainDue();
  TransferQueue& queue() { return *queue_; }
  TusClient& client() { return *client_; }

 private:
  TransferWorker(TransferWorkerOptions options, std::unique_ptr<TransferQueue> queue,
                 std::unique_ptr<TusClient> client)
      : options_(std::move(options)), queue_(std::move(queue)), client_(std::move(client)),
        backoff_(options_.backoff) {}
  Result<std::string> ObtainReceipt(const QueuedPackage& package, const UploadResult& upload);

  TransferWorkerOptions options_;
  std::unique_ptr<TransferQueue> queue_;
  std::unique_ptr<TusClient> client_;
  Backoff backoff_;
};

}  // namespace intake::transfer
