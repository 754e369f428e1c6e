#include "tests/transfer/loopback_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "tests/transfer/loopback_socket.h"

namespace intake::transfer::testing {

LoopbackProxy::LoopbackProxy(uint16_t target_port, ProxyFaults faults)
    : target_port_(target_port), faults_(faults) {
  listen_fd_ = ListenLoopback(&port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

LoopbackProxy::~LoopbackProxy() {
  stop_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  acceptor_.join();
  std::lock_guard<std::mutex> guard(threads_mutex_);
  for (auto& t : threads_) t.join();
}

void LoopbackProxy::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    if (down_) {
      ::close(client);
      continue;
    }
    ++connections_;
    int server = ConnectLoopback(target_port_);
    if (server < 0) {
      ::close(client);
      continue;
    }
    // Small socket buffers so the throttle, not kernel buffering, sets the pace.
    if (faults_.bits_per_second > 0) {
      int size = 64 * 1024;
      ::setsockopt(server, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
      ::setsockopt(client, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    std::lock_guard<std::mutex> guard(threads_mutex_);
    threads_.emplace_back([this, client, server] { Relay(client, server); });
  }
}

void LoopbackProxy::Relay(int client, int server) {
  using Clock = std::chrono::steady_clock;
  auto next_send = Clock::now();  // throttle: when the link may carry the next byte
  char buffer[16 * 1024];
  bool open = true;
  while (open && !stop_) {
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    // Bytes already queued when the relay looks kept the link busy while the relay was late.
    int ready = ::poll(fds, 2, 0);
    bool backlog = ready > 0;
    if (ready == 0) ready = ::poll(fds, 2, 100);
    if (ready <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      size_t want = sizeof buffer;
      // Throttled: move about 10 ms of link time per step (at least 4 KiB), so the relay's own
      // per-step cost does not eat into the rate it imitates.
      if (faults_.bits_per_second > 0)
        want = std::clamp<size_t>(static_cast<size_t>(faults_.bits_per_second / 8 / 100), 4096, sizeof buffer);
      auto step = std::chrono::microseconds(static_cast<int64_t>(want) * 8 * 1'000'000 /
                                            std::max<int64_t>(1, faults_.bits_per_second));
      ssize_t n = ::read(fds[i].fd, buffer, want);
      if (n <= 0) {
        open = false;
        break;
      }
      if (i == 0) {
        int64_t before = client_bytes_.fetch_add(n);
        if (faults_.corrupt_at_byte >= 0 && !corrupt_done_ && before <= faults_.corrupt_at_byte &&
            faults_.corrupt_at_byte < before + n) {
          buffer[faults_.corrupt_at_byte - before] ^= 0x5a;
          corrupt_done_ = true;
        }
        if (faults_.cut_after_bytes >= 0 && !cut_done_ && before + n > faults_.cut_after_bytes) {
          ssize_t keep = static_cast<ssize_t>(faults_.cut_after_bytes - before);
          if (keep > 0) (void)!::send(server, buffer, static_cast<size_t>(keep), MSG_NOSIGNAL);
          cut_done_ = true;
          if (faults_.down_after_cut) down_ = true;
          open = false;
          break;
        }
      }
      int out = i == 0 ? server : client;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = ::send(out, buffer + done, static_cast<size_t>(n - done), MSG_NOSIGNAL);
        if (w <= 0) {
          open = false;
          break;
        }
        done += w;
      }
      if (faults_.bits_per_second > 0) {
        // A late wake-up with a backlog is the relay's delay, not the link's: keep the
        // schedule (up to one step behind). A link that sat idle earns nothing.
        auto now = Clock::now();
        next_send = std::max(next_send, backlog ? now - step : now) +
                    std::chrono::microseconds(n * 8 * 1'000'000 / faults_.bits_per_second);
        std::this_thread::sleep_until(next_send);
      }
    }
  }
  ::shutdown(client, SHUT_RDWR);
  ::shutdown(server, SHUT_RDWR);
  ::close(client);
  ::close(server);
}

}  // namespace intake::transfer::testing
