#include "capture/folder_import_page_store.h"

#include <fcntl.h>
#include <png.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>

#include "core/file_util.h"
#include "core/log.h"
#include "core/unique_fd.h"

namespace intake::capture {
namespace {

// Writes `bytes` to a new file at `path` and fsyncs it (PageStore::Commit renames it later).
Status WriteSynced(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return ErrnoStatus("cannot create " + path.string(), errno);
  while (size > 0) {
    ssize_t n = ::write(fd.get(), data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("cannot write " + path.string(), errno);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return ErrnoStatus("cannot sync " + path.string(), errno);
  return Status::Ok();
}

// Owns a png_image used for writing.
struct PngWriteImage {
  png_image image;
  PngWriteImage() {
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
  }
  ~PngWriteImage() { png_image_free(&image); }
  PngWriteImage(const PngWriteImage&) = delete;
  PngWriteImage& operator=(const PngWriteImage&) = delete;
};

Result<std::vector<std::uint8_t>> EncodePng(const ImageFilePage& page) {
  PngWriteImage png;
  png.image.width = static_cast<png_uint_32>(page.width);
  png.image.height = static_cast<png_uint_32>(page.height);
  png.image.format = page.channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  png.image.flags = PNG_IMAGE_FLAG_FAST;  // faster zlib setting; still lossless
  png_alloc_size_t size = 0;
  const auto stride = static_cast<png_int_32>(page.stride);
  if (!png_image_write_get_memory_size(png.image, size, 0, page.bytes.data(), stride, nullptr)) {
    return Internal(std::string("PNG encoding failed: ") + png.image.message);
  }
  std::vector<std::uint8_t> out(size);
  if (!png_image_write_to_memory(&png.image, out.data(), &size, 0, page.bytes.data(), stride,
                                 nullptr)) {
    return Internal(std::string("PNG encoding failed: ") + png.image.message);
  }
  out.resize(size);
  return out;
}

// The checks a scanned page gets (page_checks.h), on the decoded pixels.
std::vector<PageCheck> CheckImportedPage(const ImageFilePage& page,
                                         const PageExpectations& expect) {
  PageImage image;
  image.width = page.width;
  image.height = page.height;
  for (int y = 0; y < page.height; ++y) {
    const std::span<const std::byte> row(
        reinterpret_cast<const std::byte*>(page.bytes.data()) + y * page.stride,
        static_cast<std::size_t>(page.width) * page.channels);
    if (page.channels == 1) image.stats.AddGrayRow(row, page.width, 8);
    else image.stats.AddRgbRow(row, page.width, 8);
  }
  // Without a dpi recorded in the file, length and resolution cannot be judged.
  const double dpi = page.dpi_from_file ? page.dpi_y : 0;
  return CheckPage(image, dpi, expect);
}

}  // namespace

PageStoreSink::PageStoreSink(PageStore& store, std::string device)
    : PageStoreSink(store, std::move(device), PageExpectations{}) {}

PageStoreSink::PageStoreSink(PageStore& store, std::string device, const PageExpectations& expect)
    : store_(store), device_(std::move(device)), expect_(expect) {}

std::string PageStoreSink::DestinationName() const {
  return store_.pages_dir().parent_path().filename().string();
}

Result<std::set<int>> PageStoreSink::StoredPages(const ImportSourceFile& source) {
  INTAKE_ASSIGN_OR_RETURN(std::vector<PageMetadata> pages, store_.List());
  std::set<int> stored;
  for (const PageMetadata& page : pages) {
    auto fp = page.settings.find("source_fingerprint");
    auto index = page.settings.find("source_page");
    if (fp == page.settings.end() || index == page.settings.end()) continue;
    if (fp->second != source.fingerprint) continue;
    stored.insert(std::atoi(index->second.c_str()) - 1);
  }
  return stored;
}

Status PageStoreSink::StorePage(const ImportSourceFile& source, const ImageFilePage& page) {
  const bool keep_original = source.page_count == 1 && (source.format == ImageFileFormat::kPng ||
                                                        source.format == ImageFileFormat::kJpeg);
  const std::string ext = source.format == ImageFileFormat::kJpeg && keep_original ? "jpg" : "png";
  std::vector<std::uint8_t> encoded;
  if (keep_original) {
    INTAKE_ASSIGN_OR_RETURN(std::string original, ReadFile(source.path));
    encoded.assign(original.begin(), original.end());
  } else {
    INTAKE_ASSIGN_OR_RETURN(encoded, EncodePng(page));
  }
  const std::filesystem::path partial = store_.PartialPath(ext);
  Status written = WriteSynced(partial, encoded.data(), encoded.size());
  if (!written.ok()) {
    store_.Discard(partial);
    return written;
  }
  PageMetadata metadata;
  metadata.device = device_;
  metadata.source = "file";
  metadata.settings = {
      {"source_file", source.name},
      {"source_page", std::to_string(page.page_index + 1)},
      {"source_pages", std::to_string(source.page_count)},
      {"source_format", std::string(ImageFileFormatName(source.format))},
      {"source_fingerprint", source.fingerprint},
      {"dpi_from_file", page.dpi_from_file ? "true" : "false"},
      {"source_bits", std::to_string(page.source_bits)},
  };
  metadata.width = page.width;
  metadata.height = page.height;
  metadata.dpi = page.dpi_x;
  metadata.depth = 8;
  metadata.layout = page.channels == 1 ? "gray" : "rgb";
  metadata.batch_page = page.page_index + 1;
  metadata.checks = CheckImportedPage(page, expect_);
  metadata.rescan = !metadata.checks.empty();
  auto committed = store_.Commit(partial, ext, std::move(metadata));
  if (!committed.ok()) {
    store_.Discard(partial);
    return committed.status();
  }
  for (const auto& check : committed->checks)
    LogWarning("capture", "imported page " + std::to_string(committed->sequence) + " flagged " +
                              check.check + ": " + check.detail);
  if (on_page_) on_page_(*committed);
  return Status::Ok();
}

}  // namespace intake::capture
