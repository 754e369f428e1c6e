// HttpServer: a small HTTP(S) server on libmicrohttpd (daemon owned, stopped on destruction),
// one thread per connection. Request bodies are streamed to a per-request handler, so a
// large tus PATCH never sits in memory.
//
// Thread safety: the router is called from connection threads concurrently; handlers it
// returns are used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace intake::transfer {

struct HttpRequestHead {
  std::string method;
  std::string path;                            // without the query string
  std::map<std::string, std::string> query;    // decoded arguments
  std::map<std::string, std::string> headers;  // lower-case names
  std::string remote_ip;                       // the client's address ("127.0.0.1")
  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name) const;
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  static HttpReply Text(int status, std::string body);
  static HttpReply Json(int status, std::string body);
};

// One request in flight: OnBody() for each piece of the body, then Finish() once. When the
// connection is lost before the body is complete, Abort() is called instead of Finish().
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual void OnBody(std::string_view data) = 0;
  virtual HttpReply Finish() = 0;
  virtual void Abort() {}
};

// A handler for small bodies: buffers up to `max_body` bytes (413 beyond) and calls `fn`.
std::unique_ptr<RequestHandler> BufferedHandler(
    HttpRequestHead head, std::function<HttpReply(const HttpRequestHead&, const std::string&)> fn,
    size_t max_body = 1 << 20);
// A handler that answers `reply` and discards any body.
std::unique_ptr<RequestHandler> FixedReply(HttpReply reply);

using Router = std::function<std::unique_ptr<RequestHandler>(HttpRequestHead head)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0 = any free port (see HttpServer::port())
  std::string tls_cert_pem;  // both set = HTTPS
  std::string tls_key_pem;
};

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options, Router router);
  ~HttpServer();  // stops the daemon; in-flight connections are closed
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const { return port_; }

 private:
  explicit HttpServer(Router router) : router_(std::move(router)) {}
  friend struct HttpServerCallbacks;
  Router router_;
  void* daemon_ = nullptr;  // MHD_Daemon*, owned
  uint16_t port_ = 0;
  std::string cert_, key_;  // MHD keeps pointers to these
};

}  // namespace intake::transfer
