// DeskScanner: the workstation's scanner as the case pipeline uses it — the SANE session,
// the configured device with its settings applied, and batches into a case's page store.
//
// Owns one SaneSession (one per process: SANE's limit) and one open device. When the
// configured device is the embedded default ("pnm:0"), batches are fed from image files.
//
// Thread safety: one thread scans; Cancel() may be called from any thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "capture/batch_scanner.h"
#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

namespace capture {
class SaneSession;
class SaneDevice;
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
  // and must be empty for a real device. A fault keeps the pages finished before it.
  Result<capture::BatchResult> ScanInto(const std::filesystem::path& case_dir,
                                        const std::vector<std::filesystem::path>& files);
  void Cancel();
  const std::string& device_name() const { return device_name_; }

 private:
  DeskScanner() = default;
  std::unique_ptr<capture::SaneSession> session_;
  std::unique_ptr<capture::SaneDevice> device_;  // destroyed before session_
  std::string device_name_;
};

}  // namespace intake
