// HttpClient: one libcurl easy handle (owned, cleaned up on destruction) reused across
// requests so the connection is kept alive. Applies the transport settings every request
// shares: pinned CA, proxy, upload bandwidth cap, timeouts. curl errors become Status here:
// a peer that cannot be reached or a cut connection is kUnavailable.
//
// Thread safety: one HttpClient per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::transfer {

struct TransportOptions {
  std::string ca_file;      // PEM bundle to trust instead of the system store (pinned CA)
  std::string proxy;        // e.g. http://proxy:3128; "" = none (env proxies are ignored)
  int64_t max_send_bytes_per_second = 0;  // 0 = unlimited; caps upload bandwidth
  int connect_timeout_seconds = 10;
  int stall_timeout_seconds = 30;  // abort when fewer than 1 byte/s moved for this long
};

struct HttpRequest {
  std::string method;  // GET, HEAD, POST, PATCH, DELETE, OPTIONS
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string_view body;             // borrowed for the duration of Perform()
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  static Result<std::unique_ptr<HttpClient>> Create(TransportOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Performs the request; any HTTP status is a successful Result (the caller interprets it).
  Result<HttpResponse> Perform(const HttpRequest& request);
  // Request body bytes handed to the network since creation (for resend accounting).
  int64_t body_bytes_sent() const { return body_bytes_sent_; }

 private:
  HttpClient(void* curl, TransportOptions options) : curl_(curl), options_(std::move(options)) {}
  void* curl_;  // CURL*, owned
  TransportOptions options_;
  int64_t body_bytes_sent_ = 0;
};

}  // namespace intake::transfer
