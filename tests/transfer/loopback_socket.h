// TCP sockets on 127.0.0.1 for the test relays (loopback_proxy.h, forward_proxy.h).
#pragma once

#include <cstdint>

namespace intake::transfer::testing {

// A listening socket on a free loopback port (written to *port); -1 on failure.
int ListenLoopback(uint16_t* port);
// A connected socket to 127.0.0.1:port; -1 when nothing listens there.
int ConnectLoopback(uint16_t port);

}  // namespace intake::transfer::testing
