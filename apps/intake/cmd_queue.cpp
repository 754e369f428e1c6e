// `intake queue`: shows and feeds the workstation's transfer queue.
//   intake queue [--spool DIR] [--json]                       list packages and their state
//   intake queue add --spool DIR --case ID FILE [--priority N]  queue an encrypted package
//   intake queue purge --spool DIR --older-than-days N         remove delivered packages' files
// The spool defaults to $INTAKE_SPOOL, else /var/spool/intake.
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "apps/intake/command.h"
#include "transfer/transfer_queue.h"

namespace intake::cli {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string SpoolOption(Args& args) {
  std::string spool;
  if (TakeOption(args, "--spool", &spool)) return spool;
  const char* env = std::getenv("INTAKE_SPOOL");
  return env ? env : "/var/spool/intake";
}

std::string Age(int64_t when) {
  if (when <= 0) return "-";
  int64_t d = when - Now();
  if (d <= 0) return "now";
  return "in " + std::to_string(d) + "s";
}

int RunQueue(const Args& input) {
  Args args = input;
  std::string sub = !args.empty() && args[0].rfind("--", 0) != 0 ? args[0] : "list";
  if (sub != "list" || (!args.empty() && args[0] == "list")) {
    if (!args.empty() && args[0] == sub) args.erase(args.begin());
  }
  std::string spool = SpoolOption(args);
  auto queue = transfer::TransferQueue::Open(std::filesystem::path(spool) / "transfer-queue.db");
  if (!queue.ok()) return Fail("queue", queue.status().ToString());
  if (sub == "add") {
    std::string case_id, priority = "0";
    TakeOption(args, "--priority", &priority);
    if (!TakeOption(args, "--case", &case_id) || args.size() != 1)
      return Fail("queue", "usage: intake queue add --spool DIR --case ID FILE [--priority N]", 2);
    auto added = (*queue)->Enqueue(case_id, args[0], std::atoi(priority.c_str()), Now());
    if (!added.ok()) return Fail("queue", added.status().ToString());
    std::cout << (*added ? "queued " : "already queued ") << case_id << "\n";
    return 0;
  }
  if (sub == "purge") {
    std::string days;
    if (!TakeOption(args, "--older-than-days", &days))
      return Fail("queue", "usage: intake queue purge --spool DIR --older-than-days N", 2);
    auto purged = (*queue)->PurgeDelivered(Now() - std::atoll(days.c_str()) * 86400);
    if (!purged.ok()) return Fail("queue", purged.status().ToString());
    std::cout << "purged " << *purged << " delivered package(s)\n";
    return 0;
  }
  if (sub != "list") return Fail("queue", "unknown subcommand '" + sub + "' (list, add, purge)", 2);
  bool json = TakeFlag(args, "--json");
  auto all = (*queue)->List();
  if (!all.ok()) return Fail("queue", all.status().ToString());
  if (json) {
    for (const auto& p : *all) {
      nlohmann::json j = {{"package_id", p.package_id}, {"state", transfer::PackageStateName(p.state)},
                          {"size", p.size}, {"sha256", p.sha256}, {"priority", p.priority},
                          {"attempts", p.attempts}, {"last_error", p.last_error},
                          {"next_try", p.next_try}, {"upload_url", p.upload_url},
                          {"delivered_at", p.delivered_at}};
      std::cout << j.dump() << "\n";
    }
    return 0;
  }
  std::cout << "case                      state      bytes       tries  next try  last error\n";
  for (const auto& p : *all) {
    std::printf("%-25s %-10s %-11lld %-6d %-9s %s\n", p.package_id.c_str(),
                std::string(transfer::PackageStateName(p.state)).c_str(),
                static_cast<long long>(p.size), p.attempts,
                p.state <= transfer::PackageState::kUploading ? Age(p.next_try).c_str() : "-",
                p.last_error.c_str());
  }
  return 0;
}

const CommandRegistration kQueue("queue", "show the transfer queue; add or purge packages", RunQueue);

}  // namespace
}  // namespace intake::cli
