// intake-transferd: the workstation's background transfer daemon. Drains the spool's
// transfer queue to the back-office receiver (see transfer/transfer_worker.h).
//
// Exit codes: 0 stopped on SIGTERM/SIGINT, or with --once: every package delivered;
// 1 failed to start; 2 bad usage; 3 with --once: packages remain queued (see `intake queue`).
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "apps/intake-transferd/transferd_flags.h"
#include "core/log.h"
#include "transfer/transfer_queue.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace intake;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto config = transferd_app::ParseFlags(args);
  if (!config.ok()) {
    std::cerr << "intake-transferd: " << config.status().message() << "\n" << transferd_app::kUsage;
    return 2;
  }
  config->worker.tus.workstation_key = &config->keys->signing_key();
  auto queue = transfer::TransferQueue::Open(config->spool / "transfer-queue.db");
  if (!queue.ok()) {
    std::cerr << "intake-transferd: " << queue.status().message() << "\n";
    return 1;
  }
  auto worker = transfer::TransferWorker::Create(config->worker, std::move(*queue));
  if (!worker.ok()) {
    std::cerr << "intake-transferd: " << worker.status().message() << "\n";
    return 1;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  LogInfo("transferd", "draining " + (config->spool / "transfer-queue.db").string() + " to " +
                           config->worker.receiver_url);
  while (!g_stop) {
    auto stats = (*worker)->DrainDue();
    if (!stats.ok()) LogError("transferd", stats.status().ToString());
    if (config->retention_days >= 0) {
      auto purged = (*worker)->queue().PurgeDelivered(Now() - config->retention_days * 86400);
      if (!purged.ok()) LogError("transferd", purged.status().ToString());
    }
    if (config->once) {
      auto all = (*worker)->queue().List();
      if (!all.ok()) return 1;
      int waiting = 0;
      for (const auto& p : *all)
        if (p.state == transfer::PackageState::kQueued || p.state == transfer::PackageState::kUploading) ++waiting;
      if (waiting > 0) std::cerr << "intake-transferd: " << waiting << " package(s) still queued (see: intake queue)\n";
      return waiting > 0 ? 3 : 0;
    }
    auto next = (*worker)->queue().EarliestNextTry();
    int64_t wait = config->poll_seconds;
    if (next.ok() && *next) wait = std::clamp<int64_t>(**next - Now(), 0, config->poll_seconds);
    for (int64_t i = 0; i < wait * 10 && !g_stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  LogInfo("transferd", "stopping");
  return 0;
}
