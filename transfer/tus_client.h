// TusClient: uploads one file with the tus 1.0 resumable protocol.
//
// Core protocol: creation (POST, Upload-Length, Upload-Metadata), HEAD to learn the offset,
// PATCH in chunks (application/offset+octet-stream). Extensions, used only when the server's
// OPTIONS answer advertises them: checksum (Upload-Checksum with sha256, else sha1; a 460
// answer resends the chunk), expiration (a 404/410 upload is recreated), termination (DELETE).
// A connection cut mid-chunk costs at most the rest of that chunk: the next attempt HEADs the
// offset the server kept and continues from there.
//
// The caller persists the upload URL (UploadRequest::on_created) before any byte is sent, so a
// restarted process resumes instead of starting over.
//
// Thread safety: one TusClient per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "transfer/digest.h"
#include "signing/key_pair.h"
#include "transfer/http_client.h"

namespace intake::transfer {

struct TusClientOptions {
  std::string endpoint;            // creation URL, e.g. http://127.0.0.1:8080/files/
  // Chunking. With chunk_seconds > 0 (the default) each PATCH is sized to about that much link
  // time at the rate the previous full PATCH achieved, within [min_chunk_size, max_chunk_size]:
  // a fast link pays the per-PATCH round trip and server fsync rarely, a slow one loses at most
  // chunk_seconds of link time to a cut. The first PATCH, and the first after a failed one, is
  // chunk_size. With chunk_seconds == 0 every PATCH is chunk_size. Memory use is one chunk.
  int64_t chunk_size = 256 << 10;
  double chunk_seconds = 4;
  int64_t min_chunk_size = 64 << 10;
  int64_t max_chunk_size = 8 << 20;
  bool use_checksum = true;        // when the server advertises the checksum extension
  TransportOptions transport;
  const signing::SigningKeyPair* workstation_key = nullptr;  // signs every request when set (borrowed)
  std::function<int64_t()> clock;  // Unix seconds for request dates; default: system clock
};

struct UploadRequest {
  std::string package_id;
  std::filesystem::path file;
  int64_t size = 0;
  std::string sha256;                 // hex, sent as metadata so the server can check
  std::string upload_url;             // stored URL from an earlier attempt, "" if none
  std::map<std::string, std::string> metadata;  // extra Upload-Metadata pairs
  // Called with a new upload URL before any data is sent; an error aborts the upload.
  std::function<Status(const std::string&)> on_created;
};

struct UploadResult {
  std::string upload_url;
  std::string receipt_header;  // "Intake-Receipt" of the final response, "" if none
  int64_t bytes_patched = 0;   // body bytes this call sent in PATCH requests
  bool resumed = false;        // continued an existing upload
};

struct ServerCapabilities {
  std::vector<std::string> extensions;
  std::vector<std::string> checksum_algorithms;
  int64_t max_size = 0;
  bool Has(const std::string& extension) const;
};

class TusClient {
 public:
  static Result<std::unique_ptr<TusClient>> Create(TusClientOptions options);

  // Uploads (or resumes) the file. kUnavailable: network or server trouble, retry later;
  // kResourceExhausted: the server's disk is full; kCorrupt: the server rejected the data.
  Result<UploadResult> Upload(const UploadRequest& request);
  // OPTIONS on the endpoint (cached after the first success).
  Result<ServerCapabilities> Capabilities();
  // GET url; the body when 200, kNotFound on 404.
  Result<std::string> Get(const std::string& url);
  // Termination extension: DELETE the upload.
  Status Terminate(const std::string& upload_url);

  int64_t total_body_bytes_sent() const { return http_->body_bytes_sent(); }
  // Bytes the next PATCH will carry at most (adapted to the link, see TusClientOptions).
  int64_t next_chunk_size() const { return next_chunk_; }
  // Body bytes of the last PATCH this client started (acknowledged or not); 0 before any.
  int64_t last_chunk_size() const { return last_chunk_; }

 private:
  TusClient(TusClientOptions options, std::unique_ptr<HttpClient> http)
      : options_(std::move(options)), http_(std::move(http)), next_chunk_(options_.chunk_size) {}
  Result<HttpResponse> Send(const std::string& method, const std::string& url,
                            std::vector<std::string> headers, std::string_view body,
                            const std::string& offset = "", const std::string& length = "");
  Result<std::string> Create(const UploadRequest& request, int64_t* offset);
  Result<std::optional<int64_t>> HeadOffset(const std::string& url);
  std::string Resolve(const std::string& location) const;
  // Sizes the next PATCH after one of `bytes` was acknowledged `seconds` after it started.
  void AdaptChunk(int64_t bytes, double seconds);

  TusClientOptions options_;
  std::unique_ptr<HttpClient> http_;
  std::optional<ServerCapabilities> capabilities_;
  int64_t next_chunk_;
  int64_t last_chunk_ = 0;
};

// Status for a non-success tus response (what the server said, and what to do).
Status TusStatus(const std::string& what, const HttpResponse& response);

}  // namespace intake::transfer
