// PnmWriter: streams rows of a page into a PNM file (P4 lineart, P5 gray 8/16-bit, P6 RGB
// 8/16-bit) without holding the image in memory, including pages whose height is only known
// at the end (SANE's lines == -1): the header reserves a fixed-width height field that
// Finish() fills in place.
//
// Rows are given in PNM layout: P4 packed bits (1 = black, MSB first, padded to a byte), 16-bit
// samples big-endian. Finish() fdatasyncs; the caller renames the file into place. Write-back
// of each 1 MiB block starts as soon as it is written, so that sync has little left to do.
//
// Thread safety: one thread per writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"
#include "core/unique_fd.h"

namespace intake::capture {

enum class PnmKind { kBitmap, kGray, kRgb };  // P4, P5, P6

class PnmWriter {
 public:
  // Creates (truncates) `path`. depth: 1 for kBitmap, 8 or 16 otherwise.
  static Result<std::unique_ptr<PnmWriter>> Create(const std::filesystem::path& path,
                                                   PnmKind kind, int width, int depth);
  PnmWriter(const PnmWriter&) = delete;
  PnmWriter& operator=(const PnmWriter&) = delete;

  // Bytes one row takes in the file.
  size_t row_bytes() const { return row_bytes_; }
  int rows() const { return rows_; }
  // REQUIRES: row.size() == row_bytes().
  Status WriteRow(std::span<const std::byte> row);
  // Writes the final height into the header, flushes and fsyncs. Fails on an empty page.
  Status Finish();

 private:
  PnmWriter(UniqueFd fd, std::filesystem::path path, size_t row_bytes, size_t height_offset)
      : fd_(std::move(fd)), path_(std::move(path)), row_bytes_(row_bytes),
        height_offset_(height_offset) {}
  Status Flush();

  UniqueFd fd_;
  std::filesystem::path path_;
  size_t row_bytes_;
  size_t height_offset_;  // where the reserved height field starts
  int rows_ = 0;
  size_t written_ = 0;              // bytes in the file so far
  std::vector<std::byte> pending_;  // rows buffered up to ~1 MiB before a write()
};

}  // namespace intake::capture
