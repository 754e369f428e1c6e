#include "transfer/tus_service.h"

#include <chrono>
#include <ctime>

#include "core/log.h"
#include "signing/receipt.h"
#include "signing/trust_store.h"
#include "transfer/digest.h"
#include "transfer/request_auth.h"
#include "transfer/tus_patch.h"

namespace intake::transfer {

namespace {

std::string HttpDate(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buffer;
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Code::kResourceExhausted: return 507;
    case Code::kCorrupt:
    case Code::kAlreadyExists:
    case Code::kPermissionDenied:
    case Code::kInvalidArgument: return 422;
    default: return 500;
  }
}

}  // namespace

TusService::TusService(TusServiceOptions options, UploadStore& uploads, CaseFiler& filer)
    : options_(std::move(options)), uploads_(uploads), filer_(filer) {
  if (!options_.clock) {
    options_.clock = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
}

HttpReply TusService::WithTusHeaders(HttpReply reply) const {
  reply.headers.emplace_back("Tus-Resumable", "1.0.0");
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

std::unique_ptr<RequestHandler> TusService::Route(const HttpRequestHead& head) {
  if (head.path.rfind(options_.files_path, 0) != 0 &&
      head.path + "/" != options_.files_path)
    return nullptr;
  std::string id = head.path.size() > options_.files_path.size()
                       ? head.path.substr(options_.files_path.size())
                       : std::string();
  if (head.method == "OPTIONS") return FixedReply(Options());
  if (head.Header("tus-resumable") != "1.0.0") {
    HttpReply reply = HttpReply::Text(412, "Tus-Resumable 1.0.0 required");
    reply.headers.emplace_back("Tus-Version", "1.0.0");
    return FixedReply(WithTusHeaders(std::move(reply)));
  }
  if (!options_.trust_store.empty()) {
    auto trust = signing::TrustStore::Load(options_.trust_store);
    Result<std::string> who = trust.ok() ? CheckSignedRequest(head, *trust, Now(),
                                                              options_.clock_skew_tolerance_seconds)
                                         : Result<std::string>(trust.status());
    if (!who.ok()) {
      LogWarning("receiver", "refused " + head.method + " " + head.path + ": " + who.status().message());
      return FixedReply(WithTusHeaders(HttpReply::Text(403, who.status().message())));
    }
  }
  if (id.empty()) {
    if (head.method == "POST") return FixedReply(Create(head));
    return FixedReply(WithTusHeaders(HttpReply::Text(405, "use POST to create an upload")));
  }
  if (head.method == "HEAD") return FixedReply(Head(id));
  if (head.method == "DELETE") return FixedReply(Delete(id));
  if (head.method == "PATCH") return std::make_unique<TusPatch>(*this, head, id);
  return FixedReply(WithTusHeaders(HttpReply::Text(405, "method not allowed on an upload")));
}

HttpReply TusService::Options() const {
  HttpReply reply;
  reply.status = 204;
  reply.headers = {{"Tus-Version", "1.0.0"},
                   {"Tus-Extension", "creation,checksum,expiration,termination"},
                   {"Tus-Checksum-Algorithm", "sha1,sha256"},
                   {"Tus-Max-Size", std::to_string(options_.max_upload_bytes)}};
  return WithTusHeaders(std::move(reply));
}

HttpReply TusService::Create(const HttpRequestHead& head) {
  int64_t length = -1;
  try {
    length = std::stoll(head.Header("upload-length"));
  } catch (...) {
    return WithTusHeaders(HttpReply::Text(400, "Upload-Length required (deferred length is not supported)"));
  }
  if (length < 0) return WithTusHeaders(HttpReply::Text(400, "Upload-Length must not be negative"));
  if (length > options_.max_upload_bytes)
    return WithTusHeaders(HttpReply::Text(413, "upload exceeds Tus-Max-Size"));
  std::string metadata_header = head.Header("upload-metadata");
  auto metadata = ParseUploadMetadata(metadata_header);
  if (!metadata.ok()) return WithTusHeaders(HttpReply::Text(400, metadata.status().message()));
  auto package_id = metadata->find("package_id");
  if (package_id == metadata->end() || !IsSafeCaseId(package_id->second))
    return WithTusHeaders(HttpReply::Text(400, "Upload-Metadata must carry a valid package_id (the case id)"));
  uploads_.RemoveExpired(Now());
  auto info = uploads_.Create(length, metadata_header, Now(), options_.expires_in_seconds);
  if (!info.ok()) return WithTusHeaders(HttpReply::Text(HttpStatusFor(info.status()), info.status().message()));
  // The same case already filed with the same bytes: the upload is born complete, so the
  // client's first PATCH gets 409, its HEAD says done, and no byte travels twice.
  auto filed = filer_.Find(package_id->second);
  auto sha = metadata->find("sha256");
  bool born_complete = false;
  auto filed_receipt = filed.ok() && filed->has_value() ? signing::ParseReceipt(**filed)
                                                        : Result<signing::Receipt>(NotFound(""));
  if (filed_receipt.ok() && sha != metadata->end() &&
      filed_receipt->package_hash == "sha256:" + sha->second) {
    std::error_code ec;
    std::filesystem::remove(uploads_.PartPath(info->id), ec);
    born_complete = uploads_.MarkFiled(*info, package_id->second).ok();
    LogInfo("receiver", "case " + package_id->second + " already received; upload " + info->id + " born complete");
  }
  HttpReply reply;
  reply.status = 201;
  reply.headers = {{"Location", options_.files_path + info->id},
                   {"Upload-Expires", HttpDate(info->expires_at)}};
  if (born_complete) reply.headers.emplace_back("Upload-Offset", std::to_string(info->length));
  return WithTusHeaders(std::move(reply));
}

HttpReply TusService::Head(const std::string& id) {
  auto info = uploads_.Get(id);
  if (!info.ok()) return WithTusHeaders(HttpReply::Text(404, "no such upload"));
  if (info->expires_at < Now() && info->filed_case_id.empty())
    return WithTusHeaders(HttpReply::Text(410, "upload expired"));
  HttpReply reply;
  reply.status = 200;
  if (info->offset == info->length && info->filed_case_id.empty()) {
    auto lock = uploads_.LockFor(id);
    std::unique_lock<std::timed_mutex> guard(*lock, std::chrono::seconds(10));
    if (guard.owns_lock()) {
      auto fresh = uploads_.Get(id);
      if (fresh.ok() && fresh->filed_case_id.empty() && fresh->offset == fresh->length) {
        HttpReply filed = Complete(*fresh);
        if (filed.status >= 300) return filed;
        reply.headers = filed.headers;
      }
    }
  }
  reply.headers.emplace_back("Upload-Offset", std::to_string(info->offset));
  reply.headers.emplace_back("Upload-Length", std::to_string(info->length));
  if (!info->metadata_header.empty()) reply.headers.emplace_back("Upload-Metadata", info->metadata_header);
  reply.headers.emplace_back("Upload-Expires", HttpDate(info->expires_at));
  return WithTusHeaders(std::move(reply));
}

HttpReply TusService::Delete(const std::string& id) {
  auto info = uploads_.Get(id);
  if (!info.ok()) return WithTusHeaders(HttpReply::Text(404, "no such upload"));
  auto lock = uploads_.LockFor(id);
  std::unique_lock<std::timed_mutex> guard(*lock, std::chrono::seconds(10));
  if (!guard.owns_lock()) return WithTusHeaders(HttpReply::Text(423, "upload busy"));
  Status removed = uploads_.Remove(id);
  if (!removed.ok()) return WithTusHeaders(HttpReply::Text(500, removed.message()));
  HttpReply reply;
  reply.status = 204;
  return WithTusHeaders(std::move(reply));
}

HttpReply TusService::Complete(const UploadInfo& info) {
  std::string case_id = info.metadata.count("package_id") ? info.metadata.at("package_id") : "";
  std::string sha = info.metadata.count("sha256") ? info.metadata.at("sha256") : "";
  auto receipt = filer_.File(uploads_.PartPath(info.id), case_id, sha, Now());
  if (!receipt.ok()) {
    const Status& s = receipt.status();
    LogWarning("receiver", "upload " + info.id + " for case " + case_id + " not filed: " + s.message());
    if (s.code() != Code::kResourceExhausted && s.code() != Code::kIoError)
      (void)uploads_.Remove(info.id);  // the bytes are wrong: the client starts over
    return WithTusHeaders(HttpReply::Text(HttpStatusFor(s), s.message()));
  }
  Status marked = uploads_.MarkFiled(info, case_id);
  if (!marked.ok()) LogWarning("receiver", "tombstone for upload " + info.id + ": " + marked.message());
  LogInfo("receiver", "case " + case_id + " filed, receipt issued");
  HttpReply reply;
  reply.status = 204;
  reply.headers.emplace_back("Intake-Receipt", Base64Encode(*receipt));
  return reply;
}

int TusService::RecoverCompleteUploads() {
  int filed = 0;
  for (const auto& id : uploads_.CompleteUnfiled()) {
    auto info = uploads_.Get(id);
    if (info.ok() && Complete(*info).status < 300) ++filed;
  }
  return filed;
}

}  // namespace intake::transfer
