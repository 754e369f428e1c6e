#include "capture/pnm_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

namespace intake::capture {

namespace {

// The height is written zero-padded ("0000003508"): PNM readers parse it as decimal, and
// unlike trailing blanks it keeps the single whitespace before a P4 raster.
constexpr int kHeightFieldWidth = 10;
// Rows are written in 1 MiB blocks, and each block's write-back to the disk is started at
// once (sync_file_range), so the page streams to the disk while the scanner is still
// feeding it and the fsync in Finish() has little left to wait for.
constexpr size_t kFlushBytes = 1024 * 1024;

Status WriteAllAt(int fd, const void* data, size_t size, off_t offset, const std::string& what) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = offset >= 0 ? ::pwrite(fd, p, size, offset) : ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(what, errno);
    }
    p += n;
    size -= static_cast<size_t>(n);
    if (offset >= 0) offset += n;
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<PnmWriter>> PnmWriter::Create(const std::filesystem::path& path,
                                                     PnmKind kind, int width, int depth) {
  if (width <= 0) return InvalidArgument("page width must be positive");
  if (kind == PnmKind::kBitmap ? depth != 1 : (depth != 8 && depth != 16))
    return InvalidArgument("unsupported depth " + std::to_string(depth) + " for a PNM page");
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return ErrnoStatus("create " + path.string(), errno);
  const char* magic = kind == PnmKind::kBitmap ? "P4" : kind == PnmKind::kGray ? "P5" : "P6";
  std::string header = std::string(magic) + "\n" + std::to_string(width) + " ";
  size_t height_offset = header.size();
  header += std::string(kHeightFieldWidth, '0') + "\n";
  if (kind != PnmKind::kBitmap) header += depth == 16 ? "65535\n" : "255\n";
  INTAKE_RETURN_IF_ERROR(WriteAllAt(fd.get(), header.data(), header.size(), -1,
                                    "write " + path.string()));
  const size_t header_bytes = header.size();
  size_t row_bytes = kind == PnmKind::kBitmap ? (static_cast<size_t>(width) + 7) / 8
                     : static_cast<size_t>(width) * (kind == PnmKind::kRgb ? 3 : 1) * (depth / 8);
  auto writer =
      std::unique_ptr<PnmWriter>(new PnmWriter(std::move(fd), path, row_bytes, height_offset));
  writer->written_ = header_bytes;
  writer->pending_.reserve(kFlushBytes + row_bytes);
  return writer;
}

Status PnmWriter::WriteRow(std::span<const std::byte> row) {
  if (row.size() != row_bytes_) return Internal("PnmWriter row of the wrong size");
  pending_.insert(pending_.end(), row.begin(), row.end());
  ++rows_;
  if (pending_.size() >= kFlushBytes) return Flush();
  return Status::Ok();
}

Status PnmWriter::Flush() {
  if (pending_.empty()) return Status::Ok();
  Status s = WriteAllAt(fd_.get(), pending_.data(), pending_.size(), -1, "write " + path_.string());
  if (s.ok()) {
    // A hint only (some filesystems refuse it): durability comes from the fdatasync in Finish().
    (void)::sync_file_range(fd_.get(), static_cast<off_t>(written_),
                            static_cast<off_t>(pending_.size()), SYNC_FILE_RANGE_WRITE);
    written_ += pending_.size();
  }
  pending_.clear();
  return s;
}

Status PnmWriter::Finish() {
  if (rows_ == 0) return Status(Code::kDeviceFault, "the scanner sent a page without image rows");
  INTAKE_RETURN_IF_ERROR(Flush());
  char field[kHeightFieldWidth + 1];
  std::snprintf(field, sizeof field, "%0*d", kHeightFieldWidth, rows_);
  INTAKE_RETURN_IF_ERROR(WriteAllAt(fd_.get(), field, kHeightFieldWidth,
                                    static_cast<off_t>(height_offset_), "write " + path_.string()));
  // fdatasync: the data and the file size, not the timestamps.
  if (::fdatasync(fd_.get()) != 0) return ErrnoStatus("fdatasync " + path_.string(), errno);
  fd_.reset();
  return Status::Ok();
}

}  // namespace intake::capture
