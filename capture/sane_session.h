// SaneSession: the single owner of the process's SANE library state (sane_init/sane_exit).
//
// SANE allows one initialisation per process; Open() fails with kFailedPrecondition while
// another SaneSession is alive. Device handles (SaneDevice) borrow the session and must be
// closed before it is destroyed. The SANE configuration (SANE_CONFIG_DIR, see sane_config.h)
// is read at Open().
//
// Thread safety: ListDevices and SaneDevice::Open are not thread-safe with each other (SANE
// backends keep global state); use one thread for device management. A device's Cancel()
// may be called from any thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::capture {

struct DeviceInfo {
  std::string name;    // what SaneDevice::Open takes, e.g. "pnm:0", "net:127.0.0.1:test:0"
  std::string vendor;
  std::string model;
  std::string type;    // "flatbed scanner", "virtual device", ...
};

class SaneSession {
 public:
  // Initialises SANE. Fails with kFailedPrecondition if a session is already open.
  static Result<std::unique_ptr<SaneSession>> Open();
  ~SaneSession();
  SaneSession(const SaneSession&) = delete;
  SaneSession& operator=(const SaneSession&) = delete;

  // The SANE version the library reports, "1.2.1".
  const std::string& version() const { return version_; }

  // Devices the configured backends find. local_only skips network backends.
  Result<std::vector<DeviceInfo>> ListDevices(bool local_only = false) const;

 private:
  SaneSession() = default;
  std::string version_;
};

}  // namespace intake::capture
