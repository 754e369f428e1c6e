// The script of the intaketest SANE backend (test-only).
//
// The test writes <script dir>/script, one directive per line ('#' starts a comment):
//   page FILE            a sheet in the feeder (PNM P5/P6); repeat for more, in order
//   flatbed FILE         the page on the glass (returned by every flatbed scan)
//   jam_at N             sane_read of feeder page N returns SANE_STATUS_JAMMED halfway
//   ioerror_at N         ... SANE_STATUS_IO_ERROR halfway
//   double_feed_at N     feeder pages N and N+1 come through stacked as one long page
//   hang_at N            sane_read of feeder page N blocks until sane_cancel
//   cover_open           sane_start returns SANE_STATUS_COVER_OPEN
//   max_dpi D            resolutions above D are set to D with SANE_INFO_INEXACT
//   chunk BYTES          at most BYTES per sane_read (default 65536)
//   hand_scanner         announce lines = -1
// <script dir>/buttons holds the names of pressed buttons (scan, copy, email, file), one a
// line; reading a button option reports it pressed once and removes it from the file.
// <script dir>/fed holds how many feeder pages have been taken so far (written by the backend,
// read at sane_open, so the feeder state survives closing and reopening the device).
#pragma once

#include <string>
#include <vector>

namespace intaketest {

struct Script {
  std::vector<std::string> feeder;
  std::string flatbed;
  int jam_at = 0, ioerror_at = 0, double_feed_at = 0, hang_at = 0;
  bool cover_open = false, hand_scanner = false;
  int max_dpi = 0;
  int chunk = 65536;
};

// Reads <dir>/script; a missing file is an empty script.
Script LoadScript(const std::string& dir);

// An 8-bit image: channels 1 (gray) or 3 (RGB). Empty on failure.
struct Image {
  int width = 0, height = 0, channels = 1;
  std::vector<unsigned char> pixels;
};
Image LoadPnm(const std::string& path);

// Reads and consumes the pressed state of `button` from <dir>/buttons.
bool TakeButton(const std::string& dir, const std::string& button);

int ReadCounter(const std::string& path);
void WriteCounter(const std::string& path, int value);

}  // namespace intaketest
