// TusPatch: one PATCH request of the tus protocol, streamed to the upload's .part file.
//
// Checks happen before the first byte is written (upload exists and not expired, offset
// matches, content type, checksum algorithm supported, upload not busy). Bytes are written
// as they arrive, so a connection cut keeps what arrived (the client resumes from there),
// except with Upload-Checksum: then the chunk is all-or-nothing and is truncated away on a
// mismatch (460) or a cut. The offset is fsynced before it is acknowledged.
//
// Thread safety: used by one connection thread; holds the upload's lock while alive.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/unique_fd.h"
#include "transfer/digest.h"
#include "transfer/http_server.h"
#include "transfer/upload_store.h"

namespace intake::transfer {

class TusService;

class TusPatch : public RequestHandler {
 public:
  TusPatch(TusService& service, const HttpRequestHead& head, const std::string& id);
  ~TusPatch() override;
  void OnBody(std::string_view data) override;
  HttpReply Finish() override;
  void Abort() override;

 private:
  void Fail(int status, std::string message);
  void Rollback();

  TusService& service_;
  std::string id_;
  UploadInfo info_;
  std::shared_ptr<std::timed_mutex> lock_;
  std::unique_lock<std::timed_mutex> guard_;
  UniqueFd fd_;
  int64_t start_offset_ = 0;
  int64_t written_ = 0;
  int64_t quota_left_ = -1;  // -1 = no quota
  std::optional<signing::Digest> digest_;
  std::string expected_checksum_;  // raw digest bytes
  std::optional<HttpReply> error_;
};

}  // namespace intake::transfer
