// Scanner: a named SANE device together with the settings it should scan with.
//
// It applies settings in a safe order (source, mode, depth first: they change what the other
// options allow), maps the generic source names "flatbed", "adf" and "adf-duplex" to the
// backend's own names, and can close and reopen the device with the same settings — after the
// watchdog cancelled a hung scan, or between polls of the scanner's buttons so other programs
// can use the device.
//
// Thread safety: one thread; device().Cancel() from any thread while a batch runs.
#pragma once

#include <memory>
#include <string>

#include "capture/batch_scanner.h"
#include "capture/sane_device.h"
#include "capture/scan_profile.h"

namespace intake::capture {

class SaneSession;

// Applies `settings` to `device` (order: source, mode, depth, then as given). Fails on the
// first setting the device refuses, naming it and listing what the device allows.
Status ApplySettings(SaneDevice& device, const Settings& settings);

// The device's own source name for a generic one ("adf" -> "Automatic Document Feeder"), or
// the value unchanged when it is not generic or nothing matches.
std::string ResolveSourceName(const OptionDescriptor& source, const std::string& wanted);

class Scanner {
 public:
  // Opens the device and applies the settings. The session must outlive the scanner.
  static Result<std::unique_ptr<Scanner>> Open(const SaneSession& session, std::string device_name,
                                               Settings settings);

  SaneDevice& device() { return *device_; }
  const std::string& device_name() const { return device_name_; }
  const Settings& settings() const { return settings_; }
  bool is_open() const { return device_ != nullptr; }

  // Closes the device handle (other programs may open it) / opens it again with the settings.
  void Release();
  Status Reopen();

  // One batch. After a fault where the device stopped answering, the device is reopened so
  // that the next batch (the operator pressing "continue") starts cleanly.
  BatchResult ScanBatch(PageStore& store, const BatchOptions& options);

 private:
  Scanner(const SaneSession& session, std::string name, Settings settings)
      : session_(session), device_name_(std::move(name)), settings_(std::move(settings)) {}
  const SaneSession& session_;
  std::string device_name_;
  Settings settings_;
  std::unique_ptr<SaneDevice> device_;
};

}  // namespace intake::capture
