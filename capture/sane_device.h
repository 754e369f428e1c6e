// SaneDevice: the single owner of one open SANE device handle (sane_open/sane_close).
//
// Options: the descriptors are read at Open() and re-read whenever setting an option reports
// SANE_INFO_RELOAD_OPTIONS (or on ReloadOptions()), so `options()` always reflects what the
// device currently allows. SetOption checks the value against the descriptor first and
// returns an error listing what the device allows.
//
// Scanning is the raw SANE protocol (Start / GetParameters / Read / Cancel); FrameReader and
// BatchScanner build pages and batches from it.
//
// Thread safety: one thread drives the device. Cancel() may be called from any thread while
// the device is alive (SANE documents sane_cancel as async-safe); it makes a blocked Read
// return kCancelled.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "capture/sane_option.h"
#include "capture/sane_session.h"
#include "core/status.h"

namespace intake::capture {

enum class FrameFormat { kGray, kRgb, kRed, kGreen, kBlue };

struct FrameParameters {
  FrameFormat format = FrameFormat::kGray;
  bool last_frame = true;
  int bytes_per_line = 0;
  int pixels_per_line = 0;
  int lines = 0;  // -1: unknown until the end of the frame (hand scanners, some ADFs)
  int depth = 8;  // 1, 8 or 16 bits per sample
};

std::string_view FrameFormatName(FrameFormat format);

struct SetOptionResult {
  bool inexact = false;          // the device rounded the value; read it back
  bool reloaded_options = false; // other options changed (constraints, activity)
  bool reload_params = false;    // the frame parameters changed
  std::string value;             // the value in effect afterwards, as text
};

struct ReadResult {
  size_t bytes = 0;
  bool eof = false;  // the frame is complete; bytes == 0
};

class SaneDevice {
 public:
  // Opens `name` ("pnm:0", "test:1", "net:host:backend:dev"; empty = the first device).
  // The session must outlive the device.
  static Result<std::unique_ptr<SaneDevice>> Open(const SaneSession& session,
                                                  const std::string& name);
  ~SaneDevice();
  SaneDevice(const SaneDevice&) = delete;
  SaneDevice& operator=(const SaneDevice&) = delete;

  const std::string& name() const { return name_; }

  // Current descriptors, without option 0 (the option count).
  const std::vector<OptionDescriptor>& options() const { return options_; }
  // nullptr when the device has no such option.
  const OptionDescriptor* FindOption(std::string_view name) const;
  Status ReloadOptions();

  // Checks and sets an option by name; an empty value for a button presses it.
  Result<SetOptionResult> SetOption(std::string_view name, std::string_view value);
  // Lets the device choose (SANE_ACTION_SET_AUTO). Fails if the option is not automatic.
  Status SetOptionAuto(std::string_view name);
  Result<OptionValue> GetOption(std::string_view name) const;
  Result<std::string> GetOptionText(std::string_view name) const;

  // Raw protocol. Start begins a page (or the next frame of a multi-frame page); it returns
  // kNoDocuments when the feeder is empty, kDeviceFault for jams/cover open.
  Status Start();
  Result<FrameParameters> GetParameters() const;
  // Reads up to buffer.size() bytes. With non-blocking I/O, bytes == 0 && !eof means "no
  // data yet" (wait on SelectFd()).
  Result<ReadResult> Read(std::span<std::byte> buffer);
  // Aborts the scan in progress: a blocked Read returns and the batch ends with kCancelled.
  // Safe from any thread. The request stays set until ClearCancel().
  void Cancel();
  bool cancel_requested() const { return cancel_requested_.load(); }
  // Called by the scanning thread when a new batch begins.
  void ClearCancel() { cancel_requested_ = false; }
  // Ends the SANE scan cycle normally (sane_cancel after the last page), not a cancel request.
  void FinishScan();
  Status SetNonBlocking(bool non_blocking);
  // The fd that becomes readable when data is available; kFailedPrecondition if unsupported.
  Result<int> SelectFd() const;

 private:
  SaneDevice(void* handle, std::string name) : handle_(handle), name_(std::move(name)) {}
  void* handle_;  // SANE_Handle
  std::string name_;
  std::vector<OptionDescriptor> options_;
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace intake::capture
