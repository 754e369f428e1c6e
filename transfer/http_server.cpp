#include "transfer/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace intake::transfer {

namespace {

struct Connection {
  std::unique_ptr<RequestHandler> handler;
  bool finished = false;
};

MHD_Result CollectValue(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* map = static_cast<std::map<std::string, std::string>*>(cls);
  std::string name = key ? key : "";
  (*map)[name] = value ? value : "";
  return MHD_YES;
}

class Buffered : public RequestHandler {
 public:
  Buffered(HttpRequestHead head,
           std::function<HttpReply(const HttpRequestHead&, const std::string&)> fn, size_t max)
      : head_(std::move(head)), fn_(std::move(fn)), max_(max) {}
  void OnBody(std::string_view data) override {
    if (body_.size() + data.size() > max_) too_large_ = true;
    else body_.append(data);
  }
  HttpReply Finish() override {
    if (too_large_) return HttpReply::Text(413, "request body too large");
    return fn_(head_, body_);
  }

 private:
  HttpRequestHead head_;
  std::function<HttpReply(const HttpRequestHead&, const std::string&)> fn_;
  size_t max_;
  std::string body_;
  bool too_large_ = false;
};

class Fixed : public RequestHandler {
 public:
  explicit Fixed(HttpReply reply) : reply_(std::move(reply)) {}
  void OnBody(std::string_view) override {}
  HttpReply Finish() override { return reply_; }

 private:
  HttpReply reply_;
};

}  // namespace

std::string HttpRequestHead::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequestHead::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

HttpReply HttpReply::Text(int status, std::string body) {
  HttpReply r;
  r.status = status;
  r.body = std::move(body);
  if (!r.body.empty() && r.body.back() != '\n') r.body.push_back('\n');
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  return r;
}

HttpReply HttpReply::Json(int status, std::string body) {
  HttpReply r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/json");
  return r;
}

std::unique_ptr<RequestHandler> BufferedHandler(
    HttpRequestHead head, std::function<HttpReply(const HttpRequestHead&, const std::string&)> fn,
    size_t max_body) {
  return std::make_unique<Buffered>(std::move(head), std::move(fn), max_body);
}

std::unique_ptr<RequestHandler> FixedReply(HttpReply reply) {
  return std::make_unique<Fixed>(std::move(reply));
}

struct HttpServerCallbacks {
  static MHD_Result Access(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char*, const char* upload_data,
                           size_t* upload_data_size, void** con_cls) {
    auto* server = static_cast<HttpServer*>(cls);
    auto* state = static_cast<Connection*>(*con_cls);
    if (!state) {
      HttpRequestHead head;
      head.method = method;
      head.path = url;
      std::map<std::string, std::string> raw;
      MHD_get_connection_values(connection, MHD_HEADER_KIND, &CollectValue, &raw);
      for (auto& [name, value] : raw) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        head.headers[lower] = value;
      }
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &CollectValue, &head.query);
      const MHD_ConnectionInfo* info =
          MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
      if (info && info->client_addr && info->client_addr->sa_family == AF_INET) {
        char text[INET_ADDRSTRLEN] = {};
        const auto* in = reinterpret_cast<const sockaddr_in*>(info->client_addr);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        head.remote_ip = text;
      }
      state = new Connection;
      state->handler = server->router_(std::move(head));
      if (!state->handler) state->handler = FixedReply(HttpReply::Text(404, "not found"));
      *con_cls = state;
      return MHD_YES;
    }
    if (*upload_data_size > 0) {
      state->handler->OnBody(std::string_view(upload_data, *upload_data_size));
      *upload_data_size = 0;
      return MHD_YES;
    }
    state->finished = true;
    HttpReply reply = state->handler->Finish();
    MHD_Response* response = MHD_create_response_from_buffer(
        reply.body.size(), reply.body.data(), MHD_RESPMEM_MUST_COPY);
    for (const auto& [name, value] : reply.headers)
      MHD_add_response_header(response, name.c_str(), value.c_str());
    MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(reply.status), response);
    MHD_destroy_response(response);
    return queued;
  }

  static void Completed(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    auto* state = static_cast<Connection*>(*con_cls);
    if (!state) return;
    if (!state->finished) state->handler->Abort();
    delete state;
    *con_cls = nullptr;
  }
};

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options, Router router) {
  std::unique_ptr<HttpServer> server(new HttpServer(std::move(router)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(options.port);
  if (::inet_pton(AF_INET, options.host.c_str(), &addr.sin_addr) != 1)
    return InvalidArgument("listen address '" + options.host + "' is not an IPv4 address");
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
  bool tls = !options.tls_cert_pem.empty() && !options.tls_key_pem.empty();
  if (tls) {
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
      return Status(Code::kFailedPrecondition, "libmicrohttpd was built without TLS");
    flags |= MHD_USE_TLS;
    server->cert_ = options.tls_cert_pem;
    server->key_ = options.tls_key_pem;
  }
  MHD_Daemon* daemon;
  if (tls) {
    daemon = MHD_start_daemon(flags, options.port, nullptr, nullptr, &HttpServerCallbacks::Access,
                              server.get(), MHD_OPTION_SOCK_ADDR, &addr,
                              MHD_OPTION_NOTIFY_COMPLETED, &HttpServerCallbacks::Completed,
                              server.get(), MHD_OPTION_CONNECTION_TIMEOUT, 120u,
                              MHD_OPTION_HTTPS_MEM_CERT, server->cert_.c_str(),
                              MHD_OPTION_HTTPS_MEM_KEY, server->key_.c_str(), MHD_OPTION_END);
  } else {
    daemon = MHD_start_daemon(flags, options.port, nullptr, nullptr, &HttpServerCallbacks::Access,
                              server.get(), MHD_OPTION_SOCK_ADDR, &addr,
                              MHD_OPTION_NOTIFY_COMPLETED, &HttpServerCallbacks::Completed,
                              server.get(), MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
  }
  if (!daemon)
    return Unavailable("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                       " (port in use or not permitted; choose another --listen port)");
  server->daemon_ = daemon;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  server->port_ = info ? info->port : options.port;
  return server;
}

HttpServer::~HttpServer() {
  if (daemon_) MHD_stop_daemon(static_cast<MHD_Daemon*>(daemon_));
}

}  // namespace intake::transfer
