#include "capture/scan_watchdog.h"

#include "capture/sane_device.h"
#include "core/log.h"

namespace intake::capture {

ScanWatchdog::ScanWatchdog(SaneDevice& device, std::chrono::milliseconds timeout)
    : device_(device), timeout_(timeout), thread_([this] { Run(); }) {}

ScanWatchdog::~ScanWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ScanWatchdog::Arm() {
  std::lock_guard lock(mutex_);
  armed_ = true;
  deadline_ = std::chrono::steady_clock::now() + timeout_;
  wake_.notify_all();
}

void ScanWatchdog::Kick() {
  std::lock_guard lock(mutex_);
  deadline_ = std::chrono::steady_clock::now() + timeout_;
}

void ScanWatchdog::Disarm() {
  std::lock_guard lock(mutex_);
  armed_ = false;
  wake_.notify_all();
}

void ScanWatchdog::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (!armed_) {
      wake_.wait(lock);
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline_) {
      armed_ = false;
      fired_ = true;
      lock.unlock();
      LogWarning("capture", "scanner " + device_.name() + " sent nothing for " +
                                std::to_string(timeout_.count()) + " ms; cancelling the scan");
      device_.Cancel();
      lock.lock();
      continue;
    }
    wake_.wait_until(lock, deadline_);
  }
}

}  // namespace intake::capture
