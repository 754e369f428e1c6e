// KioskServer: the front desk's touch screen — a small local web page and its JSON API —
// served by transfer::HttpServer on 127.0.0.1 only (docs/daemon.md has the API table).
//
//   GET  /                      the page (Ukrainian labels, large buttons)
//   GET  /api/status            DaemonStatus as JSON (daemon_status.h)
//   POST /api/cases             new case             POST /api/cases/resume  {"case_id"}
//   POST /api/scan              {"profile": "forms"} (optional)
//   POST /api/scan/cancel       POST /api/check      POST /api/finish
//   POST /api/login             {"operator", "pin"}  POST /api/logout
//
// When operators are configured (kiosk_login.h), every action except login/logout answers
// 401 {"error", "error_uk"} until an operator has logged in; a wrong PIN is 401, the lockout
// after repeated wrong PINs 429 with Retry-After.
//
// Requests from other web sites are refused: every request must name this server in Host
// (127.0.0.1:PORT or localhost:PORT; stops DNS rebinding), and every POST must carry the
// per-start token from the page in the X-Intake-Token header (a cross-site form or fetch
// cannot read the page, and cannot send the header without a CORS preflight we never allow)
// and, when the browser sends one, an Origin of this server. Malformed requests get 400
// with {"error": English, "error_uk": Ukrainian}.
//
// Thread safety: the server's connection threads call the daemon's thread-safe API.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "workstation/intake_daemon.h"

namespace intake {

namespace transfer {
class HttpServer;
}  // namespace transfer

class KioskServer {
 public:
  // `listen` is "127.0.0.1:PORT" (PORT 0 = any free port) or "localhost:PORT"; any other host
  // is refused (the kiosk is for the screen at this desk). `daemon` is borrowed.
  static Result<std::unique_ptr<KioskServer>> Start(IntakeDaemon& daemon, const std::string& listen);
  ~KioskServer();

  uint16_t port() const;
  const std::string& token() const { return token_; }

 private:
  KioskServer(IntakeDaemon& daemon, std::string token);
  friend class KioskRoutes;

  IntakeDaemon& daemon_;
  std::string token_;
  uint16_t port_ = 0;
  std::unique_ptr<transfer::HttpServer> server_;
};

}  // namespace intake
