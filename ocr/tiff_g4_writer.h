// B/W pages as TIFF with CCITT Group 4 compression (the archive format for text pages).
//
// TiffG4Writer collects one or more bilevel pages into one TIFF file (one IFD per page, one
// strip, PHOTOMETRIC_MINISWHITE, resolution tags in dots per inch). The file appears at its
// path only when Finish() succeeds: pages go to a temporary file beside it, which is fsynced
// and renamed, then the directory is synced. A writer destroyed without Finish() removes the
// temporary file and leaves nothing behind.
//
// Errors: libtiff's messages are captured per file (not printed) and returned in the Status:
// kIoError for open/write/rename failures, kInvalidArgument for a page that is not 8-bit,
// 1-channel, or a dpi that is not positive.
//
// Internal header of the ocr library (cv::Mat pages). Thread safety: one writer per thread;
// distinct writers are independent (no libtiff global handlers are used).
#pragma once

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"

namespace intake::ocr {

class TiffG4Writer {
 public:
  // Starts a new file at `path` (replaced on Finish if it exists).
  static Result<std::unique_ptr<TiffG4Writer>> Create(const std::filesystem::path& path);
  ~TiffG4Writer();
  TiffG4Writer(const TiffG4Writer&) = delete;
  TiffG4Writer& operator=(const TiffG4Writer&) = delete;

  // `binary`: 8-bit, 1 channel; 0 (and anything below 128) = ink, the rest = paper.
  Status AddPage(const cv::Mat& binary, double dpi);
  // Closes the file and moves it into place durably. No pages: kFailedPrecondition.
  Status Finish();

  int pages() const { return pages_; }

 private:
  struct Impl;
  explicit TiffG4Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int pages_ = 0;
};

// One page in one file.
Status WriteTiffG4(const std::filesystem::path& path, const cv::Mat& binary, double dpi);

// What a TIFF file holds, for checks and tests.
struct TiffInfo {
  int pages = 0;
  int width = 0, height = 0;  // first page
  int bits_per_sample = 0;
  int compression = 0;        // libtiff COMPRESSION_* value (4 = CCITT G4)
  double dpi_x = 0, dpi_y = 0;
};

inline constexpr int kTiffCompressionG4 = 4;

// kNotFound / kCorrupt (with libtiff's message) when the file cannot be read as TIFF.
Result<TiffInfo> InspectTiff(const std::filesystem::path& path);

}  // namespace intake::ocr
