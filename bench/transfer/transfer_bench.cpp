// transfer_bench: prints a Markdown table (see README "## Transfer").
//  1. goodput of a tus upload through a throttled loopback link (1 and 10 Mbit/s) with the
//     product's chunking (sized to the link) and with fixed 1 MiB chunks, next to a single
//     plain HTTP POST of the same bytes through the same link (the ceiling);
//  2. bytes sent again after the connection is cut at 40 % of the file (fixed 1 MiB chunks
//     on an open link, and the product's chunking on a 10 Mbit/s link);
//  3. 1,000 queued cases drained to the receiver: time and resident memory along the way.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "signing/key_store.h"
#include "tests/transfer/loopback_proxy.h"
#include "transfer/http_client.h"
#include "transfer/receiver.h"
#include "transfer/transfer_worker.h"

namespace fs = std::filesystem;
using namespace intake;
using namespace intake::transfer;
using Clock = std::chrono::steady_clock;

namespace {

void WriteRandom(const fs::path& path, size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng());
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

long RssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Bench {
  fs::path root;
  std::unique_ptr<Receiver> receiver;
  signing::PublicKey receipt_key{};
  int next_case = 0;

  void Start() {
    auto keys = signing::KeyStore::Init(root / "bo-keys", "back-office", "bench-bo");
    if (!keys.ok()) throw std::runtime_error(keys.status().ToString());
    receipt_key = keys->identity().sign_public;
    ReceiverOptions options;
    options.inbox = root / "inbox";
    options.verify_packages = false;  // transport only: random bytes, no bag inside
    auto rx = Receiver::Start(std::move(options), std::move(*keys));
    if (!rx.ok()) throw std::runtime_error(rx.status().ToString());
    receiver = std::move(*rx);
  }

  // chunk == 0: the product's default chunking (sized to the link); else fixed chunks.
  std::unique_ptr<TransferWorker> Worker(const std::string& url, const std::string& spool,
                                         int64_t chunk) {
    auto queue = TransferQueue::Open(root / spool / "transfer-queue.db");
    TransferWorkerOptions options;
    options.receiver_url = url;
    options.back_office_key = receipt_key;
    if (chunk > 0) {
      options.tus.chunk_size = chunk;
      options.tus.chunk_seconds = 0;
    }
    options.backoff.initial_seconds = 0;
    auto worker = TransferWorker::Create(options, std::move(*queue));
    return std::move(*worker);
  }

  struct TusRun {
    double seconds = 0;
    int connections = 0;
    int64_t last_chunk = 0;
  };
  // Delivers one file of `size` through a link of `bps` (the whole worker pass: hash check,
  // queue updates, creation, PATCHes, receipt verification).
  TusRun TusUpload(int64_t bps, size_t size, int64_t chunk) {
    std::string id = "B" + std::to_string(next_case++);
    fs::path file = root / (id + ".pkg");
    WriteRandom(file, size, next_case);
    testing::LoopbackProxy link(receiver->port(), {.bits_per_second = bps});
    auto worker = Worker(link.url(), "spool-" + id, chunk);
    (void)worker->queue().Enqueue(id, file, 0, 0);
    auto start = Clock::now();
    auto stats = worker->DrainDue();
    TusRun run{Seconds(start), link.connections(), worker->client().last_chunk_size()};
    if (!stats.ok() || stats->delivered != 1) std::fprintf(stderr, "tus upload failed\n");
    return run;
  }

  double PlainPost(int64_t bps, size_t size) {
    std::string bytes(size, 'x');
    testing::LoopbackProxy link(receiver->port(), {.bits_per_second = bps});
    auto http = HttpClient::Create({});
    auto start = Clock::now();
    (void)(*http)->Perform({"POST", link.url() + "/sink", {}, bytes});  // 404 after the body
    return Seconds(start);
  }
};

}  // namespace

// argv[1] == "goodput": only the goodput rows (a quick rerun).
int main(int argc, char** argv) {
  bool goodput_only = argc > 1 && std::string(argv[1]) == "goodput";
  fs::path root = fs::temp_directory_path() / ("intake-transfer-bench-" + std::to_string(::getpid()));
  fs::create_directories(root);
  Bench b{root};
  b.Start();
  std::printf("| measurement | result |\n| --- | --- |\n");
  for (int64_t mbit : {1, 10}) {
    int64_t bps = mbit * 1'000'000;
    size_t size = static_cast<size_t>(bps / 8 * 6);  // about six seconds of link time
    Bench::TusRun tus = b.TusUpload(bps, size, 0);
    Bench::TusRun fixed = b.TusUpload(bps, size, 1 << 20);
    double post = b.PlainPost(bps, size);
    double link_s = static_cast<double>(size) * 8 / static_cast<double>(bps);
    std::printf("| goodput at %lld Mbit/s, %.1f MB case | tus %.1f %% of the link (%.2f s, "
                "chunks sized to the link, last %lld KiB, %d connection(s)); fixed 1 MiB chunks "
                "%.1f %% (%.2f s); plain HTTP POST of the same bytes %.1f %% (%.2f s); tus/POST "
                "%.2f |\n",
                static_cast<long long>(mbit), size / 1e6, 100 * link_s / tus.seconds, tus.seconds,
                static_cast<long long>(tus.last_chunk >> 10), tus.connections,
                100 * link_s / fixed.seconds, fixed.seconds, 100 * link_s / post, post,
                post / tus.seconds);
    std::fflush(stdout);
  }
  if (!goodput_only) {
    // The product's chunking on a 10 Mbit/s link, cut at 40 %.
    constexpr size_t kSize = 4 << 20;
    constexpr int64_t kBps = 10'000'000;
    fs::path file = root / "cut-adaptive.pkg";
    WriteRandom(file, kSize, 98);
    testing::LoopbackProxy link(b.receiver->port(), {.cut_after_bytes = static_cast<int64_t>(kSize * 4 / 10),
                                                      .bits_per_second = kBps});
    auto worker = b.Worker(link.url(), "spool-cut-adaptive", 0);
    (void)worker->queue().Enqueue("CUTA", file, 0, 0);
    (void)worker->DrainDue();
    int64_t chunk_at_cut = worker->client().last_chunk_size();
    int attempts = 1;
    for (; attempts < 6; ++attempts) {
      if ((*worker->queue().Get("CUTA"))->state == PackageState::kDelivered) break;
      (void)worker->DrainDue();
    }
    int64_t resent = link.client_bytes() - static_cast<int64_t>(kSize);
    std::printf("| bytes sent again after a cut at 40 %% of a 4 MiB case on a 10 Mbit/s link, chunks "
                "sized to the link, headers included | %lld bytes (%.2f of the %lld KiB chunk in "
                "flight, %.2f s of link time), delivered after %d attempt(s) |\n",
                static_cast<long long>(resent), static_cast<double>(resent) / chunk_at_cut,
                static_cast<long long>(chunk_at_cut >> 10), resent * 8.0 / kBps, attempts);
    std::fflush(stdout);
  }
  if (!goodput_only) {
    constexpr size_t kSize = 4 << 20;
    constexpr int64_t kChunk = 1 << 20;
    fs::path file = root / "cut.pkg";
    WriteRandom(file, kSize, 99);
    testing::LoopbackProxy link(b.receiver->port(), {.cut_after_bytes = static_cast<int64_t>(kSize * 4 / 10)});
    auto worker = b.Worker(link.url(), "spool-cut", kChunk);
    (void)worker->queue().Enqueue("CUT", file, 0, 0);
    int attempts = 0;
    for (; attempts < 5; ++attempts) {
      (void)worker->DrainDue();
      if ((*worker->queue().Get("CUT"))->state == PackageState::kDelivered) break;
    }
    // Everything that crossed the link (HTTP headers included) beyond the case itself.
    int64_t resent = link.client_bytes() - static_cast<int64_t>(kSize);
    std::printf("| bytes sent again after a cut at 40 %% of a 4 MiB case (1 MiB chunks), headers "
                "included | %lld bytes (%.2f chunk), delivered after %d attempt(s) |\n",
                static_cast<long long>(resent), static_cast<double>(resent) / kChunk, attempts + 1);
  }
  if (!goodput_only) {
    constexpr int kCases = 1000;
    auto worker = b.Worker(b.receiver->base_url(), "spool-many", 1 << 20);
    for (int i = 0; i < kCases; ++i) {
      fs::path file = root / "many" / ("M" + std::to_string(i) + ".pkg");
      fs::create_directories(file.parent_path());
      WriteRandom(file, 20'000, 1000 + i);
      (void)worker->queue().Enqueue("M" + std::to_string(i), file, 0, 0);
    }
    long rss_start = RssKb(), rss_100 = 0;
    auto start = Clock::now();
    int delivered = 0;
    while (delivered < kCases) {
      auto next = worker->queue().NextDue(INT64_MAX / 2);
      if (!next.ok() || !*next) break;
      if (worker->Deliver(**next).ok()) ++delivered;
      if (delivered == 100) rss_100 = RssKb();
    }
    double s = Seconds(start);
    std::printf("| 1,000 queued 20 kB cases drained | %d delivered in %.1f s (%.0f cases/s); RSS "
                "%ld kB at start, %ld kB after 100, %ld kB after 1,000 |\n",
                delivered, s, delivered / s, rss_start, rss_100, RssKb());
  }
  b.receiver.reset();
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
