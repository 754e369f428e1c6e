// LoopbackProxy: a TCP relay on 127.0.0.1 between the tus client and the receiver, to inject
// link faults in tests and benchmarks: cut the connection after N client->server bytes,
// flip one byte at a client->server offset, and throttle both directions to a bit rate.
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
};

class LoopbackProxy {
 public:
  LoopbackProxy(uint16_t target_port, ProxyFaults faults);
  ~LoopbackProxy();
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int64_t client_bytes() const { return client_bytes_; }  // client->server bytes relayed
  bool cut_done() const { return cut_done_; }
  bool corrupt_done() const { return corrupt_done_; }

 private:
  void AcceptLoop();
  void Relay(int client, int server);
  uint16_t target_port_;
  ProxyFaults faults_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> client_bytes_{0};
  std::atomic<bool> cut_done_{false}, corrupt_done_{false};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace intake::transfer::testing
