#include "workstation/desk_scanner.h"

#include "capture/page_store.h"
#include "capture/sane_config.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "capture/scan_profile.h"
#include "capture/scanner.h"
#include "core/log.h"

namespace intake {

namespace fs = std::filesystem;

Result<std::unique_ptr<DeskScanner>> DeskScanner::Open(const ScannerConfig& config,
                                                       const fs::path& spool_dir) {
  capture::SaneConfig sane = capture::EmbeddedDefaultSaneConfig();
  fs::path config_dir = config.sane_config_dir.empty() ? spool_dir / "sane"
                                                       : fs::path(config.sane_config_dir);
  if (config.sane_config_dir.empty()) {
    INTAKE_RETURN_IF_ERROR(capture::PrepareSaneConfigDir(config_dir, sane));
  } else {
    // An office-provided config dir (e.g. with the real scanner's backend) is used as is.
    ::setenv("SANE_CONFIG_DIR", config_dir.c_str(), 1);
  }
  std::unique_ptr<DeskScanner> scanner(new DeskScanner());
  scanner->config_ = config;
  scanner->device_name_ = config.device;
  INTAKE_ASSIGN_OR_RETURN(scanner->session_, capture::SaneSession::Open());
  INTAKE_RETURN_IF_ERROR(scanner->OpenDevice());
  return scanner;
}

Status DeskScanner::OpenDevice() {
  auto device = capture::SaneDevice::Open(*session_, config_.device);
  if (!device.ok())
    return device.status().WithContext("scanner " + config_.device +
                                       " (check the cable and power, then: intake devices)");
  if (!config_.source.empty()) {
    auto set = (*device)->SetOption("source", config_.source);
    if (!set.ok()) return set.status().WithContext("scanner.source");
  }
  if (!config_.mode.empty()) {
    auto set = (*device)->SetOption("mode", config_.mode);
    // The pnm virtual scanner has no mode option; a real scanner must accept it.
    if (!set.ok() && set.status().code() != Code::kNotFound)
      return set.status().WithContext("scanner.mode");
  }
  auto set = (*device)->SetOption("resolution", std::to_string(config_.resolution));
  if (!set.ok() && set.status().code() != Code::kNotFound)
    return set.status().WithContext("scanner.resolution");
  std::lock_guard<std::mutex> lock(device_mutex_);
  device_ = std::move(device).value();
  if (shutdown_) device_->Cancel();  // a stop that came while the device was closed
  return Status::Ok();
}

DeskScanner::~DeskScanner() {
  Release();
  session_.reset();
}

Result<capture::BatchResult> DeskScanner::ScanInto(const fs::path& case_dir,
                                                   const std::vector<fs::path>& files,
                                                   const capture::ScanProfile* profile) {
  if (!device_) INTAKE_RETURN_IF_ERROR(OpenDevice());
  if (profile) {
    Status applied = capture::ApplySettings(*device_, profile->settings);
    if (!applied.ok()) {
      Release();  // the next batch starts again from the configured settings
      return applied.WithContext("profile " + profile->name);
    }
  }
  INTAKE_ASSIGN_OR_RETURN(capture::PageStore store, capture::PageStore::Open(case_dir));
  capture::BatchOptions options;
  if (profile) options.expect = profile->Expectations();
  options.on_page = [this](const capture::PageMetadata& page) {
    LogInfo("scan", device_name_ + ": page " + std::to_string(page.sequence) + " captured, " +
                        std::to_string(page.width) + "x" + std::to_string(page.height));
    if (page_observer_) page_observer_(page);
  };
  if (!files.empty()) return capture::ScanFilesThroughPnm(*device_, store, files, options);
  capture::BatchResult result = capture::ScanBatch(*device_, store, options);
  if (profile) Release();  // profile settings must not leak into the next batch
  return result;
}

void DeskScanner::Release() {
  std::lock_guard<std::mutex> lock(device_mutex_);
  device_.reset();
}

void DeskScanner::Cancel() {
  std::lock_guard<std::mutex> lock(device_mutex_);
  if (device_) device_->Cancel();
}

void DeskScanner::Shutdown() {
  std::lock_guard<std::mutex> lock(device_mutex_);
  shutdown_ = true;
  if (device_) device_->Cancel();
}

}  // namespace intake
