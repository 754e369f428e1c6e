// intake-receiver: the back office's receiving end. Thin: parses flags and wires the
// transfer library's Receiver (tus uploads, inbox, receipts, message board).
//
//   intake-receiver keygen --keys DIR            make the back-office receipt key (receipt.key/.pub)
//   intake-receiver enroll --trust DIR KEY.pub   trust a workstation key
//   intake-receiver revoke --trust DIR KEY_ID    revoke it
//   intake-receiver --listen HOST:PORT --inbox DIR --keys DIR [--trust DIR]
//                   [--tls-cert PEM --tls-key PEM] [--expire-hours N] [--port-file FILE]
//                   [--clock-skew-seconds N] [--quota-bytes N]
// Exit codes: 0 stopped on SIGTERM/SIGINT, 1 failed to start, 2 bad usage.
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

#include "apps/intake-receiver/receiver_flags.h"
#include "core/log.h"
#include "transfer/receiver.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  using namespace intake;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] != "--help" && args[0].rfind("--", 0) != 0)
    return receiver_app::RunAdminCommand(args);
  auto config = receiver_app::ParseServeFlags(args);
  if (!config.ok()) {
    std::cerr << "intake-receiver: " << config.status().message() << "\n" << receiver_app::kUsage;
    return 2;
  }
  auto key = transfer::SigningKey::Load(config->keys_dir / "receipt.key");
  if (!key.ok()) {
    std::cerr << "intake-receiver: cannot load the back-office receipt key: "
              << key.status().message() << " (create it with: intake-receiver keygen --keys "
              << config->keys_dir.string() << ")\n";
    return 1;
  }
  auto receiver = transfer::Receiver::Start(std::move(config->options), std::move(*key));
  if (!receiver.ok()) {
    std::cerr << "intake-receiver: " << receiver.status().message() << "\n";
    return 1;
  }
  Status port_written = receiver_app::WritePortFile(config->port_file, (*receiver)->port());
  if (!port_written.ok()) std::cerr << "intake-receiver: " << port_written.message() << "\n";
  std::cout << "intake-receiver: listening on " << (*receiver)->base_url() << " (inbox "
            << config->inbox.string() << ")" << std::endl;
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  LogInfo("receiver", "stopping");
  return 0;
}
