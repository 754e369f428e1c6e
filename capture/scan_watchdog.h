// ScanWatchdog: cancels a scan when the device stops answering.
//
// While armed, every Kick() (data arrived) pushes the deadline `timeout` into the future; if
// the deadline passes, the watchdog calls SaneDevice::Cancel() from its own thread, which makes
// the blocked sane_read return, and remembers that it fired. The caller then reports the hang
// and reopens the device.
//
// Thread safety: Arm/Kick/Disarm/fired from the scanning thread; the watchdog thread only
// calls device.Cancel(). The device must outlive the watchdog.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace intake::capture {

class SaneDevice;

class ScanWatchdog {
 public:
  ScanWatchdog(SaneDevice& device, std::chrono::milliseconds timeout);
  ~ScanWatchdog();
  ScanWatchdog(const ScanWatchdog&) = delete;
  ScanWatchdog& operator=(const ScanWatchdog&) = delete;

  void Arm();
  void Kick();
  void Disarm();
  bool fired() const { return fired_.load(); }
  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  void Run();

  SaneDevice& device_;
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool armed_ = false;
  bool stop_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

}  // namespace intake::capture
