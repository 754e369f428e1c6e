// ScanBatch: one batch from a SANE device into a case's PageStore.
//
// The ADF is read until sane_start reports SANE_STATUS_NO_DOCS; a flatbed gives one page.
// Each page streams to a hidden partial file in pages/ and is committed (image + JSON) as
// soon as it is complete, so finished pages survive any later fault; a page broken by a fault
// is discarded and reported in the result (with the operator's message). Calling ScanBatch
// again on the same PageStore resumes the case with the next sequence number. Duplex pages
// keep the order the device delivers them in (front, back, front, ...).
//
// Thread safety: one thread drives a device; device.Cancel() from another thread ends the
// batch with a kCancelled fault (pages already committed stay).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capture/capture_fault.h"
#include "capture/page_checks.h"
#include "capture/page_store.h"

namespace intake::capture {

class SaneDevice;

struct BatchOptions {
  // -1: a feeder source scans until empty, any other source one page. 0: until empty.
  int max_pages = -1;
  bool non_blocking = false;
  // The device must send data at least this often while a page is read; 0 disables.
  std::chrono::milliseconds watchdog_timeout{30000};
  PageExpectations expect;
  // Called after each page is committed (e.g. to print a line or start OCR).
  std::function<void(const PageMetadata&)> on_page;
};

struct BatchResult {
  std::vector<PageMetadata> pages;    // committed by this call, in order
  std::optional<CaptureFault> fault;  // empty when the batch ended normally
  bool feeder_empty = false;          // ended on SANE_STATUS_NO_DOCS
};

BatchResult ScanBatch(SaneDevice& device, PageStore& store, const BatchOptions& options);

// Scans image files one after another through the SANE pnm backend ("pnm:0"): sets its
// "filename" option to each file and scans one page. Stops at the first fault (the pages
// before it stay committed). Files must be PNM (P5/P6).
BatchResult ScanFilesThroughPnm(SaneDevice& pnm_device, PageStore& store,
                                const std::vector<std::filesystem::path>& files,
                                const BatchOptions& options);

// True when the device's "source" option names a document feeder (ADF, duplex, feeder).
bool IsFeederSource(const SaneDevice& device);
// True when the "source" option names a duplex feeder.
bool IsDuplexSource(const SaneDevice& device);

// The settings recorded in page metadata: every active, settable, single-valued option.
std::map<std::string, std::string> CurrentSettings(const SaneDevice& device);

}  // namespace intake::capture
