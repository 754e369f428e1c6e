// TusService: the tus 1.0 server side of the receiver (core protocol + creation, checksum
// (sha1, sha256), expiration and termination), on top of an UploadStore and a CaseFiler.
// When the last byte of an upload arrives the package is filed and the final PATCH answer
// carries the signed receipt in "Intake-Receipt" (base64 of the receipt JSON).
//
// Status codes: 201 created, 204 ok, 400 bad request, 401/403 authentication, 404 unknown
// upload, 409 offset mismatch, 410 expired, 413 too large, 415 wrong content type, 422 the
// complete package was rejected (hash mismatch, verification failure, other content under a
// case id already received), 423 upload busy, 460 chunk checksum mismatch, 507 disk full.
//
// Thread safety: Route() may be called from many connection threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "transfer/case_filer.h"
#include "transfer/http_server.h"
#include "transfer/upload_store.h"

namespace intake::transfer {

struct TusServiceOptions {
  std::string files_path = "/files/";     // the creation endpoint; uploads live below it
  int64_t max_upload_bytes = int64_t{4} << 30;
  int64_t expires_in_seconds = 7 * 24 * 3600;
  // Env seam for the storage: bytes the upload folder may hold (0 = only the real disk's
  // limit). Beyond it a PATCH answers 507 exactly as for ENOSPC.
  int64_t storage_quota_bytes = 0;
  // When set, every tus request must be signed by a workstation key enrolled (and not revoked)
  // in this signing::TrustStore file; it is re-read per request so a revocation acts at once.
  std::filesystem::path trust_store;
  int64_t clock_skew_tolerance_seconds = 300;
  std::function<int64_t()> clock;          // Unix seconds
};

class TusService {
 public:
  // `uploads` and `filer` are borrowed and must outlive the service.
  TusService(TusServiceOptions options, UploadStore& uploads, CaseFiler& filer);

  // The handler for a request under files_path, or nullptr when the path is not ours.
  std::unique_ptr<RequestHandler> Route(const HttpRequestHead& head);
  // Files uploads that were complete on disk but not filed (after a crash). Returns count.
  int RecoverCompleteUploads();

  // Files a complete upload (idempotent) and returns the reply headers for it; used by the
  // final PATCH and by HEAD on a complete-but-unfiled upload.
  HttpReply Complete(const UploadInfo& info);

  const TusServiceOptions& options() const { return options_; }
  UploadStore& uploads() { return uploads_; }
  int64_t Now() const { return options_.clock(); }
  HttpReply WithTusHeaders(HttpReply reply) const;

 private:
  HttpReply Options() const;
  HttpReply Create(const HttpRequestHead& head);
  HttpReply Head(const std::string& id);
  HttpReply Delete(const std::string& id);

  TusServiceOptions options_;
  UploadStore& uploads_;
  CaseFiler& filer_;
};

}  // namespace intake::transfer
