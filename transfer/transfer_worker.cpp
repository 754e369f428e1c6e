#include "transfer/transfer_worker.h"

#include <chrono>
#include <set>

#include "core/log.h"
#include "transfer/digest.h"
#include "transfer/request_auth.h"
#include "signing/receipt.h"
#include "signing/signer.h"

namespace intake::transfer {

Result<std::unique_ptr<TransferWorker>> TransferWorker::Create(TransferWorkerOptions options,
                                                               std::unique_ptr<TransferQueue> queue) {
  if (options.receiver_url.empty()) return InvalidArgument("no receiver URL (--receiver)");
  while (!options.receiver_url.empty() && options.receiver_url.back() == '/')
    options.receiver_url.pop_back();
  if (!options.clock) {
    options.clock = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  options.tus.endpoint = options.receiver_url + options.files_path;
  if (!options.tus.clock) options.tus.clock = options.clock;
  INTAKE_ASSIGN_OR_RETURN(auto client, TusClient::Create(options.tus));
  return std::unique_ptr<TransferWorker>(
      new TransferWorker(std::move(options), std::move(queue), std::move(client)));
}

Result<std::string> TransferWorker::ObtainReceipt(const QueuedPackage& package,
                                                  const UploadResult& upload) {
  if (!upload.receipt_header.empty()) {
    auto blob = Base64Decode(upload.receipt_header);
    if (!blob.ok()) return Corrupt("receiver sent a malformed Intake-Receipt header");
    return *blob;
  }
  return client_->Get(options_.receiver_url + options_.receipts_path + package.package_id);
}

Status TransferWorker::Deliver(const QueuedPackage& package) {
  INTAKE_RETURN_IF_ERROR(queue_->MarkUploading(package.package_id));
  UploadRequest request;
  request.package_id = package.package_id;
  request.file = package.path;
  request.size = package.size;
  request.sha256 = package.sha256;
  request.upload_url = package.upload_url;
  if (!request.upload_url.empty() && request.upload_url.rfind(options_.receiver_url + "/", 0) != 0) {
    // The receiver's address changed since the upload was created (configuration, proxy):
    // the upload lives on at the same path.
    request.upload_url = options_.receiver_url + UrlPath(request.upload_url);
  }
  request.on_created = [this, &package](const std::string& url) {
    return queue_->SetUploadUrl(package.package_id, url);
  };
  Status status = [&]() -> Status {
    // The spool copy must still be the bytes that were queued (a disk fault would otherwise
    // be delivered and receipted as if it were the case).
    INTAKE_ASSIGN_OR_RETURN(std::string current, Sha256FileHex(package.path));
    if (current != package.sha256)
      return Corrupt("package file " + package.path.string() + " changed since it was queued");
    INTAKE_ASSIGN_OR_RETURN(UploadResult upload, client_->Upload(request));
    if (!options_.require_receipt) return queue_->MarkDelivered(package.package_id, "", options_.clock());
    INTAKE_ASSIGN_OR_RETURN(std::string blob, ObtainReceipt(package, upload));
    signing::Ed25519Verifier verifier(options_.back_office_key);
    auto receipt = signing::VerifyReceipt(blob, verifier);
    if (!receipt.ok()) {
      // A receipt we cannot trust is not a delivery; the bytes are on the server, so the next
      // attempt only fetches the receipt again.
      return Status(Code::kPermissionDenied, "receipt not accepted: " + receipt.status().message() +
                                                 " (check the back office key this workstation trusts)");
    }
    if (receipt->case_id != package.package_id)
      return Status(Code::kPermissionDenied, "receipt names case " + receipt->case_id);
    if (receipt->package_hash != "sha256:" + package.sha256)
      return Corrupt("receipt hash " + receipt->package_hash + " differs from the package sent");
    return queue_->MarkDelivered(package.package_id, blob, options_.clock());
  }();
  if (status.ok()) {
    LogInfo("transfer", "case " + package.package_id + " delivered, receipt verified");
    return status;
  }
  if (status.code() == Code::kCorrupt) {
    // The receiver threw the bytes away (or they were wrong): the next attempt starts over.
    (void)queue_->SetUploadUrl(package.package_id, "");
  }
  int64_t delay = backoff_.DelaySeconds(package.attempts + 1);
  Status recorded = queue_->MarkRetry(package.package_id, status.ToString(), options_.clock() + delay);
  LogWarning("transfer", "case " + package.package_id + " not delivered (retry in " +
                             std::to_string(delay) + " s): " + status.ToString());
  if (!recorded.ok()) return recorded;
  return status;
}

Result<DrainStats> TransferWorker::DrainDue() {
  DrainStats stats;
  std::set<std::string> tried;
  for (;;) {
    INTAKE_ASSIGN_OR_RETURN(auto next, queue_->NextDue(options_.clock()));
    if (!next || tried.count(next->package_id)) break;
    tried.insert(next->package_id);
    Status s = Deliver(*next);
    if (s.ok()) ++stats.delivered;
    else ++stats.failed;
  }
  return stats;
}

}  // namespace intake::transfer
