#include "workstation/desk_scanner.h"

#include "capture/page_store.h"
#include "capture/sane_config.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
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
  INTAKE_ASSIGN_OR_RETURN(scanner->session_, capture::SaneSession::Open());
  auto device = capture::SaneDevice::Open(*scanner->session_, config.device);
  if (!device.ok())
    return device.status().WithContext("scanner " + config.device +
                                       " (check the cable and power, then: intake devices)");
  scanner->device_ = std::move(device).value();
  scanner->device_name_ = config.device;
  if (!config.source.empty()) {
    auto set = scanner->device_->SetOption("source", config.source);
    if (!set.ok()) return set.status().WithContext("scanner.source");
  }
  if (!config.mode.empty()) {
    auto set = scanner->device_->SetOption("mode", config.mode);
    // The pnm virtual scanner has no mode option; a real scanner must accept it.
    if (!set.ok() && set.status().code() != Code::kNotFound)
      return set.status().WithContext("scanner.mode");
  }
  auto set = scanner->device_->SetOption("resolution", std::to_string(config.resolution));
  if (!set.ok() && set.status().code() != Code::kNotFound)
    return set.status().WithContext("scanner.resolution");
  return scanner;
}

DeskScanner::~DeskScanner() {
  device_.reset();
  session_.reset();
}

Result<capture::BatchResult> DeskScanner::ScanInto(const fs::path& case_dir,
                                                   const std::vector<fs::path>& files) {
  INTAKE_ASSIGN_OR_RETURN(capture::PageStore store, capture::PageStore::Open(case_dir));
  capture::BatchOptions options;
  options.on_page = [this](const capture::PageMetadata& page) {
    LogInfo("scan", device_name_ + ": page " + std::to_string(page.sequence) + " captured, " +
                        std::to_string(page.width) + "x" + std::to_string(page.height));
  };
  if (!files.empty()) return capture::ScanFilesThroughPnm(*device_, store, files, options);
  return capture::ScanBatch(*device_, store, options);
}

void DeskScanner::Cancel() {
  if (device_) device_->Cancel();
}

}  // namespace intake
