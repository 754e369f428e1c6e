// ButtonPoller: starts batches from the scanner's own buttons, like scanbd.
//
// Each poll opens the device, reads its sensor options (read-only soft-detect options such as
// scan, copy, email, file) and closes it again, so other programs can use the scanner between
// polls; a device busy with another program is simply skipped that round. A pressed button
// that the mapping names starts a batch with the mapped profile into the current case (the
// caller's callback decides which case that is).
//
// Thread safety: Run() blocks the calling thread until `stop` becomes true; PollOnce and Run
// must not overlap with other use of the same SANE session.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::capture {

class SaneSession;

struct ButtonPollerOptions {
  std::chrono::milliseconds interval{500};
  // Sensor name -> profile name, e.g. {"scan", "forms"}, {"copy", "id_card"}.
  std::map<std::string, std::string> button_profiles;
};

struct ButtonPress {
  std::string button;
  std::string profile;
};

class ButtonPoller {
 public:
  ButtonPoller(const SaneSession& session, std::string device_name, ButtonPollerOptions options)
      : session_(session), device_name_(std::move(device_name)), options_(std::move(options)) {}

  // Opens the device, reads the sensors, closes it. Returns the mapped buttons that are
  // pressed (empty when none, or when the device is busy with another program). Fails when
  // the device does not exist or has no sensors.
  Result<std::vector<ButtonPress>> PollOnce();

  // Polls every interval until `stop`; calls on_press for each press (the device is closed
  // while on_press runs, so it may open the scanner to scan). Returns the first hard error.
  Status Run(const std::function<void(const ButtonPress&)>& on_press,
             const std::atomic<bool>& stop);

  // Sensor option names of the device seen by the last poll.
  const std::vector<std::string>& sensors() const { return sensors_; }

 private:
  const SaneSession& session_;
  std::string device_name_;
  ButtonPollerOptions options_;
  std::vector<std::string> sensors_;
};

}  // namespace intake::capture
