// staff_list_bench: how long the back-office clerk waits for the received-cases list with
// thousands of filed cases. Builds an inbox of N cases in the receiver's layout (signed
// receipt.txt, bag/data/case.json, package.bin), then times, in the same run:
//   before — the list as it was built until the paging change: every case's summary read
//            (receipt + case.json) and every case rendered as a row, on every request;
//   after  — GET /staff/ through StaffView::Handle: the first request (summaries read once),
//            then warm requests for the first page, a page deep in the list (before= cursor),
//            and the first page again after one more case arrived.
// Run: build/bin/staff_list_bench [CASES] (default 5000). Prints a Markdown table (medians).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/case_record.h"
#include "signing/key_pair.h"
#include "signing/receipt.h"
#include "signing/signer.h"
#include "transfer/case_filer.h"
#include "transfer/staff_view.h"

namespace {

namespace fs = std::filesystem;
using namespace intake;
using Clock = std::chrono::steady_clock;

constexpr int64_t kBase = 1795428000;  // 2026-11-23T10:00:00Z

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string CaseId(int n) {
  char id[32];
  std::snprintf(id, sizeof id, "20261123-WS%02d-%04d", n % 7 + 1, n);
  return id;
}

// Case n in the receiver's layout (no fsync: the bench measures reading, not filing).
bool FileCase(const fs::path& inbox, int n, const signing::Signer& signer) {
  const std::string id = CaseId(n);
  char hash[72];
  std::snprintf(hash, sizeof hash, "sha256:%064x", n);
  auto receipt = signing::SignReceipt(
      {id, hash, transfer::FormatUtc(kBase + n * 7), "uszn-district-1", "filed", ""}, signer);
  if (!receipt.ok()) return false;
  CaseRecord record;
  record.case_id = id;
  record.workstation = "WS0" + std::to_string(n % 7 + 1);
  record.paper_items.push_back({id + "-1", "d1", "original", 2});
  Write(inbox / id / "package.bin", std::string(4096, 'x'));
  Write(inbox / id / "bag" / "data" / "case.json", CaseRecordToJson(record));
  Write(inbox / id / "receipt.txt", *receipt);
  return true;
}

double MedianMs(int runs, const std::function<void()>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::atoi(argv[1]) : 5000;
  const fs::path root = fs::temp_directory_path() / ("staff_list_bench." + std::to_string(getpid()));
  const fs::path inbox = root / "inbox";
  auto key = signing::SigningKeyPair::Generate();
  if (!key.ok() || cases < 1) return 1;
  signing::Ed25519Signer signer(*key);
  for (int n = 1; n <= cases; ++n) {
    if (!FileCase(inbox, n, signer)) return 1;
  }
  auto filer = transfer::CaseFiler::Open(inbox, *key, "uszn-district-1", {});
  if (!filer.ok()) return 1;
  transfer::StaffView view(**filer, [] { return uint16_t{8470}; }, "uszn-district-1");
  transfer::HttpRequestHead head;
  head.method = "GET";
  head.path = "/staff/";
  head.remote_ip = "127.0.0.1";
  head.headers["host"] = "127.0.0.1:8470";
  size_t bytes_before = 0, bytes_after = 0;

  // Before: what CaseList did per request — every summary, every row.
  const double before = MedianMs(5, [&] {
    std::vector<transfer::StaffCaseSummary> rows;
    for (const std::string& id : (*filer)->List()) {
      auto summary = view.Summary(id);
      if (summary.ok()) rows.push_back(std::move(*summary));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.received_at > b.received_at; });
    bytes_before = transfer::StaffCaseListHtml(rows, "uszn-district-1").size();
  });
  auto start = Clock::now();
  auto first = view.Handle(head);
  const double cold = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  bytes_after = first.body.size();
  const double warm = MedianMs(21, [&] { view.Handle(head); });
  // A page deep in the list: the "before" cursor of the case at 80 % of the list.
  const int deep_n = std::max(1, cases / 5);
  char cursor[96];
  std::snprintf(cursor, sizeof cursor, "%s~%s", transfer::FormatUtc(kBase + deep_n * 7).c_str(),
                CaseId(deep_n).c_str());
  transfer::HttpRequestHead deep = head;
  deep.query["before"] = cursor;
  const double deep_ms = MedianMs(21, [&] {
    if (view.Handle(deep).status != 200) std::abort();
  });
  FileCase(inbox, cases + 1, signer);
  start = Clock::now();
  view.Handle(head);
  const double arrival = std::chrono::duration<double, std::milli>(Clock::now() - start).count();

  std::cout << "| staff list, " << cases << " received cases | time | page size |\n"
            << "| --- | --- | --- |\n";
  std::printf("| before: every case read and rendered per request (median of 5) | %.1f ms | %zu kB |\n",
              before, bytes_before / 1024);
  std::printf("| after: first request after start (every case read once) | %.1f ms | %zu kB |\n",
              cold, bytes_after / 1024);
  std::printf("| after: first page, warm (median of 21) | %.2f ms | %zu kB |\n", warm,
              bytes_after / 1024);
  std::printf("| after: page at 80 %% of the list, ?before= (median of 21) | %.2f ms | |\n", deep_ms);
  std::printf("| after: first page after one more case arrived | %.2f ms | |\n", arrival);
  std::printf("| before/after (warm first page) | %.0fx | |\n", before / warm);
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
