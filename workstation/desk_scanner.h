// DeskScanner: the workstation's scanner as the case pipeline uses it — the SANE session,
// the configured device with its settings applied, and batches into a case's page store.
//
// Owns one SaneSession (one per process: SANE's limit) and the configured device. When the
// configured device is the embedded default ("pnm:0"), batches are fed from image files.
// Release() closes the device between batches (the daemon does, so the scanner's buttons can
// be polled and other programs can use it); the next batch opens it again with the settings.
//
// Thread safety: one thread scans, releases and polls (session()); Cancel() may be called
// from any thread.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "capture/batch_scanner.h"
#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

namespace capture {
class SaneSession;
class SaneDevice;
struct ScanProfile;
}  // namespace capture

class DeskScanner {
 public:
  // Prepares the SANE config dir (the embedded default when the config names none), opens
  // the session and the device, applies mode/resolution/source. Errors name the device and,
  // for settings, what the device allows.
  static Result<std::unique_ptr<DeskScanner>> Open(const ScannerConfig& config,
                                                   const std::filesystem::path& spool_dir);
  ~DeskScanner();

  // One batch into <case_dir>/pages. `files` feeds the virtual pnm scanner (one page per file)
  // and must be empty for a real device. `profile` (optional, borrowed) is applied over the
  // configured settings for this batch and sets the page checks. A fault keeps the pages
  // finished before it. Fails (nothing scanned) when the device cannot be opened or refuses
  // the profile's settings.
  Result<capture::BatchResult> ScanInto(const std::filesystem::path& case_dir,
                                        const std::vector<std::filesystem::path>& files,
                                        const capture::ScanProfile* profile = nullptr);
  // Closes the device; the next ScanInto opens it again.
  void Release();
  // Ends the batch in progress (kCancelled fault, finished pages kept). Any thread.
  void Cancel();
  // Cancel(), and every later batch ends at once too (the process is stopping). Any thread.
  void Shutdown();
  const std::string& device_name() const { return device_name_; }
  const capture::SaneSession& session() const { return *session_; }
  // Called on the scanning thread after each page is committed (e.g. a live page count).
  void SetPageObserver(std::function<void(const capture::PageMetadata&)> observer) {
    page_observer_ = std::move(observer);
  }

 private:
  DeskScanner() = default;
  Status OpenDevice();

  ScannerConfig config_;
  std::unique_ptr<capture::SaneSession> session_;
  std::mutex device_mutex_;                      // guards device_ and shutdown_
  bool shutdown_ = false;
  std::unique_ptr<capture::SaneDevice> device_;  // destroyed before session_; null = released
  std::string device_name_;
  std::function<void(const capture::PageMetadata&)> page_observer_;
};

}  // namespace intake
