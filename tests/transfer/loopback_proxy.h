// LoopbackProxy: a TCP relay on 127.0.0.1 between the tus client and the receiver, to inject
// link faults in tests and benchmarks: cut the connection after N client->server bytes,
// flip one byte at a client->server offset, and throttle both directions to a bit rate
// (one shared link, like a half-duplex radio hop). While bytes are queued the relay keeps the
// link's schedule even when it wakes late on a loaded machine (up to one 10 ms step), so its
// own scheduling delays are not counted as link time; a link that sat idle earns nothing.
// Each fault fires once. One thread per connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace intake::transfer::testing {

struct ProxyFaults {
  int64_t cut_after_bytes = -1;    // client->server bytes (all connections) before the cut
  int64_t corrupt_at_byte = -1;    // client->server stream offset (all connections) to flip
  int64_t bits_per_second = 0;     // 0 = unthrottled
  bool down_after_cut = false;     // after the cut, refuse every connection until SetDown(false)
};

class LoopbackProxy {
 public:
  LoopbackProxy(uint16_t target_port, ProxyFaults faults);
  ~LoopbackProxy();
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int64_t client_bytes() const { return client_bytes_; }  // client->server bytes relayed
  int connections() const { return connections_; }        // client connections accepted
  bool cut_done() const { return cut_done_; }
  bool corrupt_done() const { return corrupt_done_; }
  // A link that is down accepts connections and closes them at once.
  void SetDown(bool down) { down_ = down; }

 private:
  void AcceptLoop();
  void Relay(int client, int server);
  uint16_t target_port_;
  ProxyFaults faults_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> client_bytes_{0};
  std::atomic<int> connections_{0};
  std::atomic<bool> cut_done_{false}, corrupt_done_{false}, down_{false};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace intake::transfer::testing
