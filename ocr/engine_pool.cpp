#include "ocr/engine_pool.h"

#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ocr/orientation_detector.h"
#include "ocr/tesseract_engine.h"

namespace intake::ocr {

Status EnsureSingleThreadedOpenMP() {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return Status::Ok();
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::string arg;
  for (char c : cmdline) {
    if (c == '\0') {
      args.push_back(arg);
      arg.clear();
    } else {
      arg.push_back(c);
    }
  }
  if (args.empty())
    return Internal("cannot read /proc/self/cmdline to re-run with OMP_THREAD_LIMIT=1");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv.data());
  const int err = errno;
  ::unsetenv("OMP_THREAD_LIMIT");
  return ErrnoStatus("re-running with OMP_THREAD_LIMIT=1", err);
}

namespace {

struct QueuedJob {
  std::uint64_t sequence = 0;
  PageJob job;
  std::optional<Status> failure;  // set: the page failed before submission
};

}  // namespace

struct EnginePool::Impl {
  PageCallback on_page;
  int max_in_flight = 0;
  std::vector<std::unique_ptr<PageProcessor>> processors;
  std::vector<std::thread> threads;

  std::mutex mu;
  std::condition_variable work_ready;   // queue not empty or stopping
  std::condition_variable space_ready;  // outstanding < max_in_flight
  std::condition_variable drained;      // outstanding == 0
  std::deque<QueuedJob> queue;
  bool stopping = false;
  std::uint64_t next_sequence = 0;
  std::uint64_t outstanding = 0;  // submitted, not yet delivered

  // Ordered delivery: results wait here until every earlier page was delivered.
  std::mutex deliver_mu;
  std::uint64_t next_to_deliver = 0;
  std::map<std::uint64_t, std::pair<PageLabel, Result<PageResult>>> ready;

  void Enqueue(QueuedJob job) {
    std::unique_lock<std::mutex> lock(mu);
    space_ready.wait(lock, [&] { return outstanding < static_cast<std::uint64_t>(max_in_flight); });
    job.sequence = next_sequence++;
    ++outstanding;
    queue.push_back(std::move(job));
    work_ready.notify_one();
  }

  void Deliver(std::uint64_t sequence, PageLabel label, Result<PageResult> result) {
    std::uint64_t delivered = 0;
    {
      std::lock_guard<std::mutex> lock(deliver_mu);
      ready.emplace(sequence, std::make_pair(std::move(label), std::move(result)));
      for (auto it = ready.begin(); it != ready.end() && it->first == next_to_deliver;
           it = ready.erase(it)) {
        on_page(it->second.first, std::move(it->second.second));
        ++next_to_deliver;
        ++delivered;
      }
    }
    if (delivered == 0) return;
    std::lock_guard<std::mutex> lock(mu);
    outstanding -= delivered;
    space_ready.notify_all();
    if (outstanding == 0) drained.notify_all();
  }

  void Work(PageProcessor& processor) {
    for (;;) {
      QueuedJob job;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) return;
        job = std::move(queue.front());
        queue.pop_front();
      }
      Result<PageResult> result =
          job.failure ? Result<PageResult>(*job.failure)
                      : processor.Process(job.job.page, job.job.label, job.job.outputs);
      job.job.page = {};  // free the pixels before waiting for delivery
      Deliver(job.sequence, std::move(job.job.label), std::move(result));
    }
  }
};

EnginePool::EnginePool(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

EnginePool::~EnginePool() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->work_ready.notify_all();
  for (auto& t : impl_->threads) t.join();
}

Result<std::unique_ptr<EnginePool>> EnginePool::Create(const EnginePoolOptions& options,
                                                       PageCallback on_page) {
  int workers = options.workers;
  if (workers <= 0) workers = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
  // Pages run in parallel, one per core: OpenCV's own worker threads would only compete.
  if (workers > 1) cv::setNumThreads(1);
  auto impl = std::make_unique<Impl>();
  impl->on_page = std::move(on_page);
  impl->max_in_flight = options.max_in_flight > 0 ? options.max_in_flight : 2 * workers;
  if (impl->max_in_flight < workers) impl->max_in_flight = workers;
  // Page images are large buffers that live for one page. glibc raises its mmap threshold
  // each time such a buffer is freed, after which they come from per-thread arenas that keep
  // the memory: measured with two workers, 383 MB peak RSS against 313 MB with a fixed 1 MB
  // threshold (process-wide; buffers this large gain nothing from arena reuse).
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  PageProcessorOptions processor_options = options.processor;
  if (processor_options.detect_orientation && !processor_options.shared_orientation) {
    // One OSD engine for all workers (thread-safe, ~150 ms of a page's ~2 s).
    INTAKE_ASSIGN_OR_RETURN(std::filesystem::path tessdata,
                            FindTessdata(processor_options.tessdata_dir));
    INTAKE_ASSIGN_OR_RETURN(std::unique_ptr<OrientationDetector> detector,
                            OrientationDetector::Create(tessdata));
    processor_options.shared_orientation = std::move(detector);
  }
  for (int i = 0; i < workers; ++i) {
    INTAKE_ASSIGN_OR_RETURN(std::unique_ptr<PageProcessor> p,
                            PageProcessor::Create(processor_options));
    impl->processors.push_back(std::move(p));
  }
  Impl* raw = impl.get();
  for (auto& p : impl->processors) {
    PageProcessor* processor = p.get();
    impl->threads.emplace_back([raw, processor] { raw->Work(*processor); });
  }
  return std::unique_ptr<EnginePool>(new EnginePool(std::move(impl)));
}

int EnginePool::workers() const { return static_cast<int>(impl_->processors.size()); }

void EnginePool::Submit(PageJob job) {
  QueuedJob q;
  q.job = std::move(job);
  impl_->Enqueue(std::move(q));
}

void EnginePool::SubmitFailure(PageLabel label, Status status) {
  QueuedJob q;
  q.job.label = std::move(label);
  q.failure = std::move(status);
  impl_->Enqueue(std::move(q));
}

void EnginePool::Drain() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->drained.wait(lock, [&] { return impl_->outstanding == 0; });
}

}  // namespace intake::ocr
