#include "transfer/tus_client.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <sstream>

#include "core/unique_fd.h"
#include "transfer/request_auth.h"

namespace intake::transfer {

namespace {

std::vector<std::string> SplitList(const std::string& value) {
  std::vector<std::string> out;
  std::stringstream stream(value);
  std::string item;
  while (std::getline(stream, item, ',')) {
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

Result<int64_t> ParseOffset(const HttpResponse& response) {
  std::string value = response.Header("upload-offset");
  if (value.empty()) return Corrupt("server answered without Upload-Offset");
  try {
    return static_cast<int64_t>(std::stoll(value));
  } catch (...) {
    return Corrupt("server sent a malformed Upload-Offset '" + value + "'");
  }
}

Result<std::string> ReadChunk(int fd, int64_t offset, int64_t length, const std::string& path) {
  std::string chunk(static_cast<size_t>(length), '\0');
  size_t done = 0;
  while (done < chunk.size()) {
    ssize_t n = ::pread(fd, chunk.data() + done, chunk.size() - done, offset + done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("read " + path, errno);
    if (n == 0) return Corrupt(path + " is shorter than when it was queued");
    done += static_cast<size_t>(n);
  }
  return chunk;
}

}  // namespace

bool ServerCapabilities::Has(const std::string& extension) const {
  for (const auto& e : extensions)
    if (e == extension) return true;
  return false;
}

Status TusStatus(const std::string& what, const HttpResponse& response) {
  std::string message = what + ": HTTP " + std::to_string(response.status);
  std::string detail = response.body.substr(0, 300);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) detail.pop_back();
  if (!detail.empty()) message += " (" + detail + ")";
  switch (response.status) {
    case 401:
    case 403: return Status(Code::kPermissionDenied, message + "; enrol this workstation's key at the back office");
    case 404:
    case 410: return NotFound(message);
    case 413: return InvalidArgument(message + "; the package exceeds the receiver's size limit");
    case 460: return Corrupt(message);
    case 422: return Corrupt(message + "; the receiver refused the package");
    case 507: return Status(Code::kResourceExhausted, message + "; the receiver's disk is full, will retry");
    default: return Unavailable(message + "; will retry");
  }
}

Result<std::unique_ptr<TusClient>> TusClient::Create(TusClientOptions options) {
  if (options.endpoint.empty()) return InvalidArgument("tus endpoint URL is empty");
  if (options.chunk_size <= 0) return InvalidArgument("chunk size must be positive");
  if (options.chunk_seconds < 0) return InvalidArgument("chunk seconds must not be negative");
  if (options.chunk_seconds > 0 &&
      (options.min_chunk_size <= 0 || options.max_chunk_size < options.min_chunk_size))
    return InvalidArgument("chunk size bounds must satisfy 0 < min <= max");
  if (!options.clock) {
    options.clock = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  INTAKE_ASSIGN_OR_RETURN(auto http, HttpClient::Create(options.transport));
  return std::unique_ptr<TusClient>(new TusClient(std::move(options), std::move(http)));
}

Result<HttpResponse> TusClient::Send(const std::string& method, const std::string& url,
                                     std::vector<std::string> headers, std::string_view body,
                                     const std::string& offset, const std::string& length) {
  headers.push_back("Tus-Resumable: 1.0.0");
  if (options_.workstation_key) {
    for (auto& h : SignRequest(*options_.workstation_key, method, UrlPath(url), options_.clock(),
                               offset, length))
      headers.push_back(std::move(h));
  }
  return http_->Perform(HttpRequest{method, url, std::move(headers), body});
}

Result<ServerCapabilities> TusClient::Capabilities() {
  if (capabilities_) return *capabilities_;
  INTAKE_ASSIGN_OR_RETURN(auto response, Send("OPTIONS", options_.endpoint, {}, {}));
  if (response.status != 200 && response.status != 204)
    return TusStatus("OPTIONS " + options_.endpoint, response);
  ServerCapabilities caps;
  caps.extensions = SplitList(response.Header("tus-extension"));
  caps.checksum_algorithms = SplitList(response.Header("tus-checksum-algorithm"));
  std::string max = response.Header("tus-max-size");
  if (!max.empty()) caps.max_size = std::atoll(max.c_str());
  capabilities_ = caps;
  return caps;
}

std::string TusClient::Resolve(const std::string& location) const {
  if (location.find("://") != std::string::npos) return location;
  const std::string& e = options_.endpoint;
  size_t scheme = e.find("://");
  size_t host_end = e.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string origin = host_end == std::string::npos ? e : e.substr(0, host_end);
  if (!location.empty() && location.front() == '/') return origin + location;
  std::string base = e.substr(0, e.rfind('/') + 1);
  return base + location;
}

void TusClient::AdaptChunk(int64_t bytes, double seconds) {
  if (options_.chunk_seconds <= 0 || bytes <= 0 || seconds <= 0) return;
  // The time runs from the first byte handed to curl to the acknowledgement, so the rate is
  // what the link, the round trip and the server's fsync together delivered: never more than
  // the link can carry.
  double rate = static_cast<double>(bytes) / seconds;
  auto target = static_cast<int64_t>(rate * options_.chunk_seconds);
  constexpr int64_t kGrain = 64 << 10;  // whole 64 KiB blocks, for readable logs and reads
  target = std::max<int64_t>(kGrain, target / kGrain * kGrain);
  next_chunk_ = std::clamp(target, options_.min_chunk_size, options_.max_chunk_size);
}

Result<std::string> TusClient::Create(const UploadRequest& request, int64_t* offset) {
  std::string metadata = "filename " + Base64Encode(request.package_id + ".pkg") +
                         ",package_id " + Base64Encode(request.package_id) + ",sha256 " +
                         Base64Encode(request.sha256);
  for (const auto& [key, value] : request.metadata) metadata += "," + key + " " + Base64Encode(value);
  std::string length = std::to_string(request.size);
  INTAKE_ASSIGN_OR_RETURN(
      auto response, Send("POST", options_.endpoint,
                          {"Upload-Length: " + length, "Upload-Metadata: " + metadata}, {}, "", length));
  if (response.status != 201) return TusStatus("create upload for " + request.package_id, response);
  std::string location = response.Header("location");
  if (location.empty()) return Corrupt("server created an upload without a Location");
  std::string url = Resolve(location);
  // A server may answer the creation with an offset (e.g. ours when it already holds these
  // bytes under this case id): start there.
  std::string server_offset = response.Header("upload-offset");
  if (!server_offset.empty()) *offset = std::atoll(server_offset.c_str());
  if (request.on_created) INTAKE_RETURN_IF_ERROR(request.on_created(url));
  return url;
}

Result<std::optional<int64_t>> TusClient::HeadOffset(const std::string& url) {
  INTAKE_ASSIGN_OR_RETURN(auto response, Send("HEAD", url, {}, {}));
  if (response.status == 404 || response.status == 410 || response.status == 403)
    return std::optional<int64_t>();  // expired or unknown: start a new upload
  if (response.status != 200 && response.status != 204) return TusStatus("HEAD " + url, response);
  INTAKE_ASSIGN_OR_RETURN(int64_t offset, ParseOffset(response));
  return std::optional<int64_t>(offset);
}

Result<UploadResult> TusClient::Upload(const UploadRequest& request) {
  INTAKE_ASSIGN_OR_RETURN(ServerCapabilities caps, Capabilities());
  std::optional<DigestAlgorithm> checksum;
  if (options_.use_checksum && caps.Has("checksum")) {
    for (const auto& name : {"sha256", "sha1"}) {
      for (const auto& offered : caps.checksum_algorithms)
        if (offered == name && !checksum) checksum = ParseDigestAlgorithm(name);
    }
  }
  UniqueFd fd(::open(request.file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open package " + request.file.string(), errno);

  UploadResult result;
  result.upload_url = request.upload_url;
  int64_t offset = 0;
  if (!result.upload_url.empty()) {
    INTAKE_ASSIGN_OR_RETURN(auto head, HeadOffset(result.upload_url));
    if (head) {
      offset = *head;
      result.resumed = true;
    } else {
      result.upload_url.clear();  // expired on the server: start over
    }
  }
  if (result.upload_url.empty()) {
    INTAKE_ASSIGN_OR_RETURN(result.upload_url, Create(request, &offset));
  }
  if (offset > request.size) return Corrupt("server holds more bytes than the package has");

  int checksum_failures = 0;
  bool sent_final = false;
  while (offset < request.size || (request.size == 0 && !sent_final)) {
    int64_t planned = options_.chunk_seconds > 0 ? next_chunk_ : options_.chunk_size;
    int64_t length = std::min<int64_t>(planned, request.size - offset);
    INTAKE_ASSIGN_OR_RETURN(std::string chunk,
                            ReadChunk(fd.get(), offset, length, request.file.string()));
    std::vector<std::string> headers = {"Content-Type: application/offset+octet-stream",
                                        "Upload-Offset: " + std::to_string(offset)};
    if (checksum) {
      INTAKE_ASSIGN_OR_RETURN(signing::Digest digest, signing::Digest::Create(*checksum));
      digest.Update(chunk);
      headers.push_back("Upload-Checksum: " + std::string(DigestAlgorithmName(*checksum)) + " " +
                        Base64Encode(FinishRaw(digest)));
    }
    last_chunk_ = length;
    auto started = std::chrono::steady_clock::now();
    auto sent = Send("PATCH", result.upload_url, std::move(headers), chunk, std::to_string(offset));
    if (!sent.ok()) {
      next_chunk_ = options_.chunk_size;  // the link dropped: small chunks until it proves itself
      return sent.status();
    }
    HttpResponse response = std::move(*sent);
    result.bytes_patched += static_cast<int64_t>(chunk.size());
    sent_final = true;
    if (response.status == 460 && checksum_failures < 3) {
      ++checksum_failures;  // damaged on the way: the server kept nothing of it, send again
      continue;
    }
    if (response.status == 409) {  // offsets disagree (e.g. an earlier PATCH landed late)
      INTAKE_ASSIGN_OR_RETURN(auto head, HeadOffset(result.upload_url));
      if (!head) return Unavailable("upload " + result.upload_url + " vanished; will retry");
      offset = *head;
      continue;
    }
    if (response.status != 204 && response.status != 200)
      return TusStatus("PATCH " + request.package_id + " at offset " + std::to_string(offset), response);
    INTAKE_ASSIGN_OR_RETURN(int64_t new_offset, ParseOffset(response));
    if (new_offset <= offset && length > 0)
      return Unavailable("server did not advance the upload offset; will retry");
    // Only a full chunk measures the link: a short tail is mostly round trip.
    if (length == planned)
      AdaptChunk(length, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    offset = new_offset;
    result.receipt_header = response.Header("intake-receipt");
  }
  return result;
}

Result<std::string> TusClient::Get(const std::string& url) {
  INTAKE_ASSIGN_OR_RETURN(auto response, Send("GET", url, {}, {}));
  if (response.status == 200) return response.body;
  return TusStatus("GET " + url, response);
}

Status TusClient::Terminate(const std::string& upload_url) {
  INTAKE_ASSIGN_OR_RETURN(auto response, Send("DELETE", upload_url, {}, {}));
  if (response.status == 204 || response.status == 200 || response.status == 404 ||
      response.status == 410)
    return Status::Ok();
  return TusStatus("DELETE " + upload_url, response);
}

}  // namespace intake::transfer
