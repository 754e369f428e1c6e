// intake-receiver: the back office's receiving end. Thin: parses flags and wires the
// transfer library's Receiver (tus uploads, decrypt + verify, inbox, signed receipts).
// Keys come from the signing library's key store (intake keys init --role back-office).
//
//   intake-receiver --listen HOST:PORT --inbox DIR --keys DIR --trust-store FILE
//                   [--require-signed-requests] [--clock-skew-seconds N]
//                   [--tls-cert PEM --tls-key PEM] [--expire-hours N] [--quota-bytes N]
//                   [--port-file FILE] [--no-verify] [--paper-book FILE [--back-office NAME]]
// Staff open http://127.0.0.1:PORT/staff/ on this host (transfer/staff_view.h).
// Exit codes: 0 stopped on SIGTERM/SIGINT, 1 failed to start, 2 bad usage.
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "apps/intake-receiver/paper_desk.h"
#include "apps/intake-receiver/receiver_flags.h"
#include "core/log.h"
#include "transfer/receiver.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  using namespace intake;
  auto config = receiver_app::ParseServeFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!config.ok()) {
    std::cerr << "intake-receiver: " << config.status().message() << "\n" << receiver_app::kUsage;
    return 2;
  }
  auto keys = signing::KeyStore::Open(config->keys_dir);
  if (!keys.ok()) {
    std::cerr << "intake-receiver: cannot open the back office's keys: " << keys.status().message()
              << " (create them with: intake keys init --role back-office --name NAME --keys "
              << config->keys_dir.string() << ")\n";
    return 1;
  }
  // The paper desk posts to the board of the receiver it is part of, known once it started.
  auto board = std::make_shared<std::atomic<transfer::MessageBoard*>>(nullptr);
  if (!config->paper_book.empty()) {
    auto desk = receiver_app::MakePaperDesk(
        {config->paper_book, config->inbox, config->keys_dir, config->back_office,
         [board] { return board->load(); }});
    if (!desk.ok()) {
      std::cerr << "intake-receiver: paper desk: " << desk.status().message() << "\n";
      return 1;
    }
    config->options.paper_desk = std::move(*desk);
  }
  auto receiver = transfer::Receiver::Start(std::move(config->options), std::move(*keys));
  if (!receiver.ok()) {
    std::cerr << "intake-receiver: " << receiver.status().message() << "\n";
    return 1;
  }
  board->store(&(*receiver)->messages());
  Status port_written = receiver_app::WritePortFile(config->port_file, (*receiver)->port());
  if (!port_written.ok()) std::cerr << "intake-receiver: " << port_written.message() << "\n";
  std::cout << "intake-receiver: listening on " << (*receiver)->base_url() << " (inbox "
            << config->inbox.string() << ", receipt key " << (*receiver)->keys().signing_key().key_id()
            << ")" << std::endl;
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  LogInfo("receiver", "stopping");
  return 0;
}
