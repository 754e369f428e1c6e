// EnginePool: pages recognised in parallel, one PageProcessor (a Tesseract Cyrillic+ukr+eng engine) per
// worker thread and one OSD engine shared by all, results delivered in submission order.
// Create() fixes glibc's mmap threshold at 1 MB for the process (page buffers are returned
// to the system when freed instead of staying in per-thread arenas).
//
// Memory stays flat in the number of pages: Submit() blocks while `max_in_flight` pages are
// queued, being processed or waiting for earlier pages to be delivered, so a 500-page batch
// holds no more pages than a 5-page one.
//
// Tesseract and OpenMP: Tesseract's LSTM uses OpenMP threads, and libgomp reads
// OMP_THREAD_LIMIT once, when the process starts. With one engine per core, OpenMP threads
// only fight over the same cores, so programs that use the pool call
// EnsureSingleThreadedOpenMP() first thing in main() (it re-executes the program with
// OMP_THREAD_LIMIT=1 when that is not already set). Tesseract's other process-global
// parameters (debug_file) are set identically by every engine.
//
// Thread safety: Submit() and Drain() may be called from one producer thread; the callback
// runs on a worker thread, one call at a time, in submission order.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "capture/image_file_reader.h"
#include "core/status.h"
#include "ocr/page_processor.h"
#include "ocr/page_result.h"

namespace intake::ocr {

// Re-executes the running program (/proc/self/exe, same arguments) with OMP_THREAD_LIMIT=1
// unless the variable is already set. Returns OK without doing anything when it is set;
// does not return when the re-execution succeeds; returns the error when exec fails (the
// caller may go on: results are the same, only slower).
Status EnsureSingleThreadedOpenMP();

struct EnginePoolOptions {
  int workers = 0;          // 0: one per online CPU core
  int max_in_flight = 0;    // 0: 2 x workers
  PageProcessorOptions processor;
};

struct PageJob {
  capture::ImageFilePage page;  // moved into the pool; freed when the page is done
  PageLabel label;
  PageOutputs outputs;
};

using PageCallback = std::function<void(const PageLabel& label, Result<PageResult> result)>;

class EnginePool {
 public:
  // Creates every worker's engines up front, so a missing language pack fails here.
  static Result<std::unique_ptr<EnginePool>> Create(const EnginePoolOptions& options,
                                                    PageCallback on_page);
  ~EnginePool();  // drains, then stops the workers
  EnginePool(const EnginePool&) = delete;
  EnginePool& operator=(const EnginePool&) = delete;

  int workers() const;
  // Queues a page; blocks while max_in_flight pages are outstanding.
  void Submit(PageJob job);
  // Reports a page that failed before it could be submitted (e.g. it did not decode), so that
  // it takes its place in the ordered results.
  void SubmitFailure(PageLabel label, Status status);
  // Blocks until every submitted page has been delivered to the callback.
  void Drain();

 private:
  struct Impl;
  explicit EnginePool(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace intake::ocr
