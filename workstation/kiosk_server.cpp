#include "workstation/kiosk_server.h"

#include <nlohmann/json.hpp>

#include "core/log.h"
#include "core/request_token.h"
#include "transfer/http_server.h"
#include "workstation/kiosk_page.h"

namespace intake {

using nlohmann::json;
using transfer::HttpReply;
using transfer::HttpRequestHead;

namespace {

HttpReply JsonReply(int status, const json& body) {
  HttpReply reply = HttpReply::Json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

HttpReply Error(int status, const std::string& english, const std::string& ukrainian) {
  return JsonReply(status, {{"error", english}, {"error_uk", ukrainian}});
}

// A Status from the daemon's request API as an HTTP answer.
HttpReply Accepted(const Status& status) {
  if (status.ok()) return JsonReply(202, {{"accepted", true}});
  if (status.code() == Code::kInvalidArgument)
    return Error(400, status.message(), "Неправильний запит: " + status.message());
  return Error(503, status.message(), "Зачекайте: попередня дія ще виконується.");
}

}  // namespace

class KioskRoutes {
 public:
  explicit KioskRoutes(KioskServer& kiosk) : kiosk_(kiosk) {}

  HttpReply Handle(const HttpRequestHead& head, const std::string& body) {
    if (!HostIsUs(head.Header("host")))
      return Error(400, "the Host header must be 127.0.0.1:PORT or localhost:PORT",
                   "Запит не до цього кіоску.");
    if (head.method == "GET" || head.method == "HEAD") return Get(head);
    if (head.method != "POST")
      return Error(405, "method " + head.method + " is not allowed", "Непідтримуваний запит.");
    const std::string origin = head.Header("origin");
    if (!origin.empty() && !OriginIsUs(origin))
      return Error(403, "cross-site request refused (Origin " + origin + ")",
                   "Запит з іншого сайту відхилено.");
    if (!SameRequestToken(head.Header("x-intake-token"), kiosk_.token_))
      return Error(403, "missing or wrong X-Intake-Token (reload the kiosk page)",
                   "Оновіть сторінку кіоску і повторіть дію.");
    json args = json::object();
    if (!body.empty()) {
      try {
        args = json::parse(body);
      } catch (const json::exception&) {
        return Error(400, "the request body is not valid JSON", "Неправильний запит.");
      }
      if (!args.is_object())
        return Error(400, "the request body must be a JSON object", "Неправильний запит.");
    }
    return Post(head.path, args);
  }

 private:
  bool HostIsUs(const std::string& host) const {
    const std::string port = std::to_string(kiosk_.port_);
    return host == "127.0.0.1:" + port || host == "localhost:" + port;
  }
  bool OriginIsUs(const std::string& origin) const {
    return origin == "http://" + std::string("127.0.0.1:") + std::to_string(kiosk_.port_) ||
           origin == "http://localhost:" + std::to_string(kiosk_.port_);
  }

  HttpReply Get(const HttpRequestHead& head) {
    if (head.path == "/" || head.path == "/index.html") {
      HttpReply page;
      page.body = KioskPageHtml(kiosk_.token_);
      page.headers = {{"Content-Type", "text/html; charset=utf-8"},
                      {"Cache-Control", "no-store"},
                      {"X-Frame-Options", "DENY"},
                      {"Content-Security-Policy",
                       "default-src 'self'; script-src 'unsafe-inline' 'self'; "
                       "style-src 'unsafe-inline'; frame-ancestors 'none'"}};
      return page;
    }
    if (head.path == "/api/status")
      return JsonReply(200, json::parse(DaemonStatusToJson(kiosk_.daemon_.Snapshot())));
    return Error(404, "no such page: " + head.path, "Сторінку не знайдено.");
  }

  HttpReply Login(const json& args) {
    KioskLogin& login = kiosk_.daemon_.login();
    if (!login.required())
      return Error(400, "no operators are configured: the kiosk needs no login",
                   "Вхід на цьому кіоску не потрібен.");
    if (!args.contains("operator") || !args["operator"].is_string() || !args.contains("pin") ||
        !args["pin"].is_string())
      return Error(400, "\"operator\" and \"pin\" (strings) are required",
                   "Оберіть себе і введіть PIN-код.");
    const LoginOutcome outcome =
        login.Login(args["operator"].get<std::string>(), args["pin"].get<std::string>());
    switch (outcome.result) {
      case LoginOutcome::Result::kOk: {
        auto who = login.Current();
        return JsonReply(200, {{"operator", {{"id", who ? who->id : ""},
                                             {"name", who ? who->name : ""}}}});
      }
      case LoginOutcome::Result::kUnknownOperator:
        return Error(400, "no such operator", "Такого оператора немає: оберіть себе зі списку.");
      case LoginOutcome::Result::kWrongPin:
        return Error(401, "wrong PIN", "Неправильний PIN-код. Залишилось спроб: " +
                                           std::to_string(outcome.attempts_left) + ".");
      case LoginOutcome::Result::kLockedOut:
        break;
    }
    HttpReply reply = Error(429, "too many wrong PINs: logins are refused for " +
                                     std::to_string(outcome.wait_s) + " s",
                            "Забагато неправильних PIN-кодів. Зачекайте " +
                                std::to_string(outcome.wait_s) + " с і спробуйте знову.");
    reply.headers.emplace_back("Retry-After", std::to_string(outcome.wait_s));
    return reply;
  }

  HttpReply Post(const std::string& path, const json& args) {
    IntakeDaemon& daemon = kiosk_.daemon_;
    if (path == "/api/login") return Login(args);
    if (path == "/api/logout") {
      daemon.login().Logout();
      return JsonReply(200, {{"logged_out", true}});
    }
    // Every action needs a logged-in operator when operators are configured; it also restarts
    // the idle clock.
    if (daemon.login().required() && !daemon.login().Touch())
      return Error(401, "log in first (POST /api/login)",
                   "Спочатку увійдіть: оберіть себе і введіть PIN-код.");
    if (path == "/api/cases") return Accepted(daemon.RequestNewCase());
    if (path == "/api/cases/resume") {
      if (!args.contains("case_id") || !args["case_id"].is_string())
        return Error(400, "\"case_id\" (a string) is required", "Не вказано номер справи.");
      return Accepted(daemon.RequestResume(args["case_id"].get<std::string>()));
    }
    if (path == "/api/scan") {
      std::string profile;
      if (args.contains("profile")) {
        if (!args["profile"].is_string())
          return Error(400, "\"profile\" must be a string", "Неправильний профіль сканування.");
        profile = args["profile"].get<std::string>();
      }
      return Accepted(daemon.RequestScan(profile));
    }
    if (path == "/api/scan/cancel") {
      daemon.CancelScan();
      return JsonReply(202, {{"accepted", true}});
    }
    if (path == "/api/check") return Accepted(daemon.RequestCheck());
    if (path == "/api/finish") return Accepted(daemon.RequestFinish());
    return Error(404, "no such action: " + path, "Невідома дія.");
  }

  KioskServer& kiosk_;
};

Result<std::unique_ptr<KioskServer>> KioskServer::Start(IntakeDaemon& daemon,
                                                        const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos)
    return InvalidArgument("--listen '" + listen + "' must be 127.0.0.1:PORT");
  std::string host = listen.substr(0, colon);
  const std::string port_text = listen.substr(colon + 1);
  if (host == "localhost") host = "127.0.0.1";
  if (host != "127.0.0.1")
    return InvalidArgument("--listen '" + listen + "': the kiosk listens on 127.0.0.1 only "
                           "(it controls this desk's scanner)");
  int port = -1;
  try {
    size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535)
    return InvalidArgument("--listen '" + listen + "': the port must be 0-65535");
  INTAKE_ASSIGN_OR_RETURN(std::string token, NewRequestToken());
  std::unique_ptr<KioskServer> kiosk(new KioskServer(daemon, std::move(token)));
  transfer::HttpServerOptions options;
  options.host = host;
  options.port = static_cast<uint16_t>(port);
  auto routes = std::make_shared<KioskRoutes>(*kiosk);
  kiosk->port_ = static_cast<uint16_t>(port);
  INTAKE_ASSIGN_OR_RETURN(
      kiosk->server_,
      transfer::HttpServer::Start(options, [routes](HttpRequestHead head) {
        return transfer::BufferedHandler(
            std::move(head),
            [routes](const HttpRequestHead& h, const std::string& body) {
              return routes->Handle(h, body);
            },
            64 * 1024);
      }));
  kiosk->port_ = kiosk->server_->port();
  LogInfo("kiosk", "listening on http://" + host + ":" + std::to_string(kiosk->port_) + "/");
  return kiosk;
}

KioskServer::KioskServer(IntakeDaemon& daemon, std::string token)
    : daemon_(daemon), token_(std::move(token)) {}

KioskServer::~KioskServer() { server_.reset(); }

uint16_t KioskServer::port() const { return port_; }

}  // namespace intake
