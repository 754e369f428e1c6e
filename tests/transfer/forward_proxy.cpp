#include "tests/transfer/forward_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <sstream>

#include "tests/transfer/loopback_socket.h"

namespace intake::transfer::testing {
namespace {

bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// "host:port" → host and port (default_port when none).
void SplitHostPort(const std::string& authority, uint16_t default_port, std::string* host,
                   uint16_t* port) {
  size_t colon = authority.rfind(':');
  *host = authority.substr(0, colon);
  *port = colon == std::string::npos ? default_port
                                     : static_cast<uint16_t>(std::atoi(authority.c_str() + colon + 1));
}

}  // namespace

ForwardProxy::ForwardProxy(std::vector<std::string> loopback_names) : names_(std::move(loopback_names)) {
  listen_fd_ = ListenLoopback(&port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

ForwardProxy::~ForwardProxy() {
  stop_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  acceptor_.join();
  std::lock_guard<std::mutex> guard(mutex_);
  for (auto& t : threads_) t.join();
}

std::vector<std::string> ForwardProxy::requests() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return requests_;
}

void ForwardProxy::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::lock_guard<std::mutex> guard(mutex_);
    threads_.emplace_back([this, client] { Serve(client); });
  }
}

void ForwardProxy::Serve(int client) {
  // The request head (and whatever body bytes came with it).
  std::string data;
  size_t head_end = std::string::npos;
  char buffer[16 * 1024];
  while (head_end == std::string::npos && data.size() < 64 * 1024 && !stop_) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    ssize_t n = ::read(client, buffer, sizeof buffer);
    if (n <= 0) break;
    client_bytes_ += n;
    data.append(buffer, static_cast<size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  auto fail = [&](const char* reply) {
    SendAll(client, reply, std::strlen(reply));
    ::close(client);
  };
  if (head_end == std::string::npos) return fail("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  std::istringstream head(data.substr(0, head_end));
  std::string method, target, version, line;
  head >> method >> target >> version;
  std::getline(head, line);  // rest of the request line
  {
    std::lock_guard<std::mutex> guard(mutex_);
    requests_.push_back(method + " " + target);
  }
  bool connect = method == "CONNECT";
  std::string authority, path;
  if (connect) {
    authority = target;
  } else if (target.rfind("http://", 0) == 0) {
    size_t slash = target.find('/', 7);
    authority = target.substr(7, slash == std::string::npos ? std::string::npos : slash - 7);
    path = slash == std::string::npos ? "/" : target.substr(slash);
  } else {
    return fail("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");  // not a proxy request
  }
  std::string host;
  uint16_t port = 0;
  SplitHostPort(authority, connect ? 443 : 80, &host, &port);
  if (std::find(names_.begin(), names_.end(), host) == names_.end())
    return fail("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n");
  int server = ConnectLoopback(port);
  if (server < 0) return fail("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n");

  std::string rest = data.substr(head_end + 4);
  if (connect) {
    const char ok[] = "HTTP/1.1 200 Connection established\r\n\r\n";
    SendAll(client, ok, sizeof ok - 1);
  } else {
    // Origin-form request line; hop-by-hop proxy headers dropped; one request per connection.
    std::string out = method + " " + path + " " + version + "\r\n";
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      if (::strncasecmp(line.c_str(), "proxy-", 6) == 0 ||
          ::strncasecmp(line.c_str(), "connection:", 11) == 0)
        continue;
      out += line + "\r\n";
    }
    out += "Connection: close\r\n\r\n";
    rest = out + rest;
  }
  bool open = SendAll(server, rest.data(), rest.size());
  bool client_done = false;
  while (open && !stop_) {
    pollfd fds[2] = {{client, static_cast<short>(client_done ? 0 : POLLIN), 0}, {server, POLLIN, 0}};
    if (::poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        if (i == 0) {  // the client finished sending: let the server answer
          client_done = true;
          ::shutdown(server, SHUT_WR);
        } else {
          open = false;
        }
        continue;
      }
      if (i == 0) client_bytes_ += n;
      open = SendAll(i == 0 ? server : client, buffer, static_cast<size_t>(n));
    }
  }
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
  ::close(server);
}

}  // namespace intake::transfer::testing
