// FrameReader: reads one page from a started SANE device and streams it into a PNM file.
//
// Handles every SANE frame kind: single-frame gray (1-bit lineart -> P4, 8/16-bit -> P5) and
// RGB (-> P6); three-pass pages (separate red/green/blue frames in any order, each spilled to
// a plane file on disk and interleaved row by row at the end); 16-bit samples (SANE's host
// byte order -> PNM big-endian); bytes_per_line larger than the pixels need (padding
// dropped); lines == -1 (height counted while reading). Memory use is a few rows, whatever
// the page size. Blocking or non-blocking reads (waiting on the select fd when the backend
// offers one).
//
// Thread safety: one thread per device; the device's Cancel() from any thread makes
// ReadPage return kCancelled (or kUnavailable when the watchdog fired).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "capture/page_stats.h"
#include "capture/pnm_writer.h"
#include "core/status.h"

namespace intake::capture {

class SaneDevice;
class ScanWatchdog;

struct PageImage {
  int width = 0;
  int height = 0;
  int depth = 8;                   // bits per sample in the file: 1, 8 or 16
  PnmKind kind = PnmKind::kGray;
  std::string layout;              // "gray", "rgb", "three-pass", "lineart"
  int frames = 1;
  bool height_was_unknown = false; // the device announced lines == -1
  bool short_page = false;         // fewer lines than announced arrived before EOF
  PageStats stats;
};

struct ReadControl {
  bool non_blocking = false;          // sane_set_io_mode(true) and wait on the select fd
  ScanWatchdog* watchdog = nullptr;   // optional: armed while waiting for data
  size_t buffer_bytes = 64 * 1024;    // sane_read chunk size
};

// REQUIRES: device.Start() returned OK for the page's first frame. Writes the page to `out`
// (created/truncated; fsynced on success). On failure `out` and any plane files are removed
// and the device is left for the caller to cancel.
Result<PageImage> ReadPage(SaneDevice& device, const std::filesystem::path& out,
                           const ReadControl& control);

}  // namespace intake::capture
