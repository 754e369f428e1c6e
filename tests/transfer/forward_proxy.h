// ForwardProxy: a minimal HTTP forward proxy on 127.0.0.1, the kind a front office's network
// puts between the workstation and the outside (what `intake-transferd --proxy` talks to).
//
// LoopbackProxy (loopback_proxy.h) is a plain TCP relay the client dials as if it were the
// receiver; it never sees proxy requests. This one speaks the two forms a client sends to a
// proxy (RFC 9110/9112):
//   - absolute-form requests ("PATCH http://host:port/files/x HTTP/1.1") for http:// URLs:
//     the request line is rewritten to origin-form and forwarded with "Connection: close", so
//     each connection carries one request and the relay needs no HTTP body framing;
//   - CONNECT host:port (used by clients for https:// URLs): "200 Connection established",
//     then a byte tunnel.
// Only the host names given to the constructor resolve (to 127.0.0.1, e.g.
// "receiver.invalid", a name reserved never to resolve in DNS): a client that tried to go
// around the proxy could not reach them.
// Every request is recorded (method and target). One thread per connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace intake::transfer::testing {

class ForwardProxy {
 public:
  // loopback_names: host names this proxy resolves to 127.0.0.1 (others get 502).
  explicit ForwardProxy(std::vector<std::string> loopback_names);
  ~ForwardProxy();
  ForwardProxy(const ForwardProxy&) = delete;
  ForwardProxy& operator=(const ForwardProxy&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // "METHOD target" of every request received, in arrival order.
  std::vector<std::string> requests() const;
  int64_t client_bytes() const { return client_bytes_; }  // bytes from clients, heads included

 private:
  void AcceptLoop();
  void Serve(int client);
  std::vector<std::string> names_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> client_bytes_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace intake::transfer::testing
