// intake demo: the main job on the embedded default — one case from the virtual scanner to
// the back office and back with a signed receipt, through the real processes:
//   intake-receiver (back office)  <-tus/HTTP 127.0.0.1-  intake-transferd  <-queue-  intaked
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "apps/intake/command.h"
#include "core/child_process.h"
#include "core/file_util.h"
#include "transfer/transfer_queue.h"
#include "workstation/delivery_sync.h"
#include "workstation/demo_setup.h"

namespace intake::cli {
namespace {

namespace fs = std::filesystem;

fs::path ProgramDir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

// The receiver writes its port once it listens.
Result<int> WaitForPortFile(const fs::path& file, ChildProcess& receiver) {
  for (int i = 0; i < 200; ++i) {
    auto text = ReadFile(file);
    if (text.ok() && !text->empty()) return std::stoi(*text);
    if (receiver.Wait(std::chrono::milliseconds(50)).ok())
      return Unavailable("intake-receiver exited at start (see its message above)");
  }
  return Unavailable("intake-receiver did not start listening within 10 s");
}

void PrintDelivery(const DemoLayout& layout, const std::string& case_id) {
  auto queue = transfer::TransferQueue::Open(layout.spool() / "transfer-queue.db");
  if (!queue.ok()) return;
  auto entry = (*queue)->Get(case_id);
  if (!entry.ok() || !entry->has_value()) return;
  const transfer::QueuedPackage& p = **entry;
  std::cout << "[queue] " << case_id << ": " << transfer::PackageStateName(p.state) << " after "
            << p.attempts << " attempt(s)\n";
  if (!p.receipt_json.empty()) std::cout << "[receipt] verified, signed by the back office:\n"
                                         << p.receipt_json << "\n";
  const fs::path filed = layout.inbox() / case_id;
  std::cout << "[back office] filed in " << filed << "\n";
  auto text = ReadFile(filed / "bag" / "data" / "ocr" / "0001.txt");
  if (text.ok())
    std::cout << "[back office] page 1 reads: " << text->substr(0, text->find('\n')) << " ...\n";
}

int RunDemo(const Args& raw) {
  Args args = raw;
  std::string root = "intake-demo";
  TakeOption(args, "--dir", &root);
  if (!args.empty()) return Fail("demo", "usage: intake demo [--dir DIR]", 2);
  const fs::path bin = ProgramDir();
  const fs::path samples = bin.parent_path() / "samples";
  DemoLayout layout{fs::absolute(root)};
  std::cout << "intake demo in " << layout.root << std::endl;

  // 1. The back office's receiver on a free loopback port.
  auto prepared = PrepareDemo(layout, "http://127.0.0.1:1");  // keys first, URL below
  if (!prepared.ok()) return Fail("demo", prepared.status().message());
  const fs::path port_file = layout.root / "back-office" / "receiver.port";
  fs::remove(port_file);
  auto receiver = ChildProcess::Start(
      {(bin / "intake-receiver").string(), "--listen", "127.0.0.1:0", "--inbox",
       layout.inbox().string(), "--keys", layout.back_office_keys().string(), "--trust-store",
       layout.trust_store().string(), "--require-signed-requests", "--port-file",
       port_file.string()});
  if (!receiver.ok()) return Fail("demo", receiver.status().message());
  auto port = WaitForPortFile(port_file, **receiver);
  if (!port.ok()) return Fail("demo", port.status().message());
  const std::string url = "http://127.0.0.1:" + std::to_string(*port);
  auto config = PrepareDemo(layout, url);
  if (!config.ok()) return Fail("demo", config.status().message());

  // 2. The capture daemon: one case from the virtual scanner to the queue.
  std::vector<std::string> intaked = {(bin / "intaked").string(), "--config",
                                      layout.config_file().string(), "--once"};
  for (const char* page : {"page1_application.pnm", "page2_declaration.pnm", "page3_consent.pnm"})
    intaked.insert(intaked.end(), {"--scan-file", (samples / page).string()});
  auto capture = ChildProcess::Start(intaked);
  if (!capture.ok()) return Fail("demo", capture.status().message());
  auto captured = (*capture)->Wait(std::chrono::minutes(10));
  if (!captured.ok() || *captured != 0) return Fail("demo", "intaked failed (see above)");

  // 3. The transfer daemon: deliver what is queued, verify the receipts.
  auto transferd = ChildProcess::Start(
      {(bin / "intake-transferd").string(), "--spool", layout.spool().string(), "--receiver", url,
       "--keys", layout.workstation_keys().string(), "--once"});
  if (!transferd.ok()) return Fail("demo", transferd.status().message());
  auto delivered = (*transferd)->Wait(std::chrono::minutes(5));
  if (!delivered.ok() || *delivered != 0)
    return Fail("demo", "intake-transferd left packages queued (see: intake queue --spool " +
                            layout.spool().string() + ")");

  auto queue = transfer::TransferQueue::Open(layout.spool() / "transfer-queue.db");
  if (!queue.ok()) return Fail("demo", queue.status().message());
  auto all = (*queue)->List();
  if (!all.ok() || all->empty()) return Fail("demo", "the queue is empty");
  PrintDelivery(layout, all->back().package_id);
  auto synced = SyncDeliveries(*config);
  if (!synced.ok()) return Fail("demo", synced.status().message());
  std::cout << "[paper] e-case receipt recorded for " << synced->recorded
            << " case(s); the paper originals are pending until the back office confirms them"
            << " (intake paper list)\n";
  std::cout << "[done] workstation spool " << layout.spool() << ", back office inbox "
            << layout.inbox() << "\n";
  return 0;
}

CommandRegistration kDemo("demo", "run one case end to end on the embedded default", RunDemo);

}  // namespace
}  // namespace intake::cli
