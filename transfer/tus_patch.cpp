#include "transfer/tus_patch.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "core/log.h"
#include "transfer/tus_service.h"

namespace intake::transfer {

TusPatch::TusPatch(TusService& service, const HttpRequestHead& head, const std::string& id)
    : service_(service), id_(id) {
  auto info = service_.uploads().Get(id);
  if (!info.ok()) { Fail(404, "no such upload"); return; }
  info_ = *info;
  if (info_.expires_at < service_.Now() && info_.filed_case_id.empty())
    { Fail(410, "upload expired; create a new one"); return; }
  if (head.Header("content-type") != "application/offset+octet-stream")
    { Fail(415, "Content-Type must be application/offset+octet-stream"); return; }
  std::string checksum = head.Header("upload-checksum");
  if (!checksum.empty()) {
    size_t space = checksum.find(' ');
    auto algorithm = ParseDigestAlgorithm(checksum.substr(0, space));
    if (!algorithm || space == std::string::npos) { Fail(400, "unsupported checksum algorithm"); return; }
    auto expected = Base64Decode(checksum.substr(space + 1));
    if (!expected.ok()) { Fail(400, "Upload-Checksum value is not base64"); return; }
    auto digest = signing::Digest::Create(*algorithm);
    if (!digest.ok()) { Fail(500, "checksum algorithm unavailable"); return; }
    digest_.emplace(std::move(*digest));
    expected_checksum_ = *expected;
  }
  lock_ = service_.uploads().LockFor(id);
  guard_ = std::unique_lock<std::timed_mutex>(*lock_, std::defer_lock);
  if (!guard_.try_lock_for(std::chrono::seconds(10))) { Fail(423, "upload busy; retry"); return; }
  // Re-read under the lock: the offset may have moved while we waited.
  info = service_.uploads().Get(id);
  if (!info.ok()) { Fail(404, "no such upload"); return; }
  info_ = *info;
  int64_t offset = -1;
  try {
    offset = std::stoll(head.Header("upload-offset"));
  } catch (...) {
    { Fail(400, "Upload-Offset required"); return; }
  }
  if (offset != info_.offset || !info_.filed_case_id.empty())
    { Fail(409, "Upload-Offset " + std::to_string(offset) + " but the server has " +
                         std::to_string(info_.offset)); return; }
  start_offset_ = offset;
  fd_ = UniqueFd(::open(service_.uploads().PartPath(id).c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd_) { Fail(500, "cannot open upload data"); return; }
  if (service_.options().storage_quota_bytes > 0)
    quota_left_ = std::max<int64_t>(0, service_.options().storage_quota_bytes - service_.uploads().BytesHeld());
}

TusPatch::~TusPatch() = default;

void TusPatch::Fail(int status, std::string message) {
  if (!error_) error_ = service_.WithTusHeaders(HttpReply::Text(status, std::move(message)));
}

void TusPatch::Rollback() {
  if (fd_ && ::ftruncate(fd_.get(), start_offset_) != 0)
    LogError("receiver", "cannot truncate upload " + id_ + " after a failed chunk");
  written_ = 0;
}

void TusPatch::OnBody(std::string_view data) {
  if (error_) return;  // discard the rest of a refused request
  if (start_offset_ + written_ + static_cast<int64_t>(data.size()) > info_.length) {
    Rollback();
    Fail(400, "PATCH goes beyond Upload-Length");
    return;
  }
  if (digest_) digest_->Update(data);
  while (!data.empty()) {
    size_t n = data.size();
    bool over_quota = quota_left_ >= 0 && static_cast<int64_t>(n) > quota_left_;
    if (over_quota) n = static_cast<size_t>(quota_left_);
    ssize_t w = n == 0 ? 0 : ::pwrite(fd_.get(), data.data(), n, start_offset_ + written_);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 || over_quota) {
      int err = w < 0 ? errno : ENOSPC;
      if (w > 0) written_ += w;
      if (digest_) Rollback();
      ::fsync(fd_.get());
      LogWarning("receiver", "upload " + id_ + ": write failed: " + std::string(std::strerror(err)));
      Fail(err == ENOSPC || err == EDQUOT ? 507 : 500,
                  err == ENOSPC || err == EDQUOT
                      ? "the receiver's disk is full; the bytes received so far are kept, retry later"
                      : "the receiver could not store the upload: " + std::string(std::strerror(err)));
      return;
    }
    written_ += w;
    if (quota_left_ >= 0) quota_left_ -= w;
    data.remove_prefix(static_cast<size_t>(w));
  }
}

HttpReply TusPatch::Finish() {
  if (error_) return *error_;
  if (digest_ && FinishRaw(*digest_) != expected_checksum_) {
    Rollback();
    return service_.WithTusHeaders(HttpReply::Text(460, "checksum mismatch; send the chunk again"));
  }
  if (::fsync(fd_.get()) != 0)
    return service_.WithTusHeaders(HttpReply::Text(500, "cannot sync upload data"));
  info_.offset = start_offset_ + written_;
  HttpReply reply;
  reply.status = 204;
  if (info_.offset == info_.length) {
    fd_.reset();
    reply = service_.Complete(info_);
    if (reply.status >= 300) return reply;
  }
  reply.headers.emplace_back("Upload-Offset", std::to_string(info_.offset));
  return service_.WithTusHeaders(std::move(reply));
}

void TusPatch::Abort() {
  if (error_ || !fd_) return;
  if (digest_) Rollback();  // a checksummed chunk is all or nothing
  ::fsync(fd_.get());
}

}  // namespace intake::transfer
