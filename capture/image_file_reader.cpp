// Format recognition, dispatch to the per-format decoders, and the helpers they share.
#include "capture/image_file_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>

#include "capture/image_file_internal.h"
#include "core/unique_fd.h"

namespace intake::capture {

std::string_view ImageFileFormatName(ImageFileFormat format) {
  switch (format) {
    case ImageFileFormat::kPng: return "PNG";
    case ImageFileFormat::kJpeg: return "JPEG";
    case ImageFileFormat::kTiff: return "TIFF";
    case ImageFileFormat::kPdf: return "PDF";
    case ImageFileFormat::kPnm: return "PNM";
  }
  return "unknown";
}

ImageFileReader::ImageFileReader(std::filesystem::path path, ImageFileFormat format,
                                 int page_count)
    : path_(std::move(path)), format_(format), page_count_(page_count) {}

ImageFileReader::~ImageFileReader() = default;

Result<ImageFileFormat> DetectImageFileFormat(std::string_view head,
                                              const std::filesystem::path& path) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (head.empty()) {
    return Corrupt(internal::FileMessage(
        path, "the file " + std::string(internal::kIsEmpty) + " (0 bytes); if a scanner is still saving it, wait for it to "
              "finish, otherwise scan the pages again"));
  }
  if (starts("\x89PNG\r\n\x1a\n")) return ImageFileFormat::kPng;
  if (starts("\xff\xd8\xff")) return ImageFileFormat::kJpeg;
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4)) ||
      starts(std::string_view("II+\0", 4)) || starts(std::string_view("MM\0+", 4))) {
    return ImageFileFormat::kTiff;
  }
  // PNM as the PageStore writes it (P4/P5/P6 binary), followed by white space.
  if (head.size() > 2 && head[0] == 'P' && (head[1] == '4' || head[1] == '5' || head[1] == '6') &&
      std::isspace(static_cast<unsigned char>(head[2]))) {
    return ImageFileFormat::kPnm;
  }
  // PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1 annex H).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return ImageFileFormat::kPdf;
  return InvalidArgument(internal::FileMessage(
      path, "not a PNG, JPEG, TIFF or PDF file; save the scan in one of these formats"));
}

Result<std::unique_ptr<ImageFileReader>> ImageFileReader::Open(const std::filesystem::path& path,
                                                               const ImageFileOptions& options) {
  if (options.pdf_dpi < 10 || options.pdf_dpi > 1200) {
    return InvalidArgument("PDF resolution " + std::to_string(options.pdf_dpi) +
                           " dpi is out of range; use 10..1200 (300 is usual)");
  }
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("cannot open " + path.string(), errno);
  char head[1024];
  ssize_t got = 0;
  while (got < static_cast<ssize_t>(sizeof head)) {
    ssize_t n = ::read(fd.get(), head + got, sizeof head - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (errno == EISDIR) return InvalidArgument(internal::FileMessage(path, "is a directory"));
      return ErrnoStatus("cannot read " + path.string(), errno);
    }
    if (n == 0) break;
    got += n;
  }
  INTAKE_ASSIGN_OR_RETURN(ImageFileFormat format,
                          DetectImageFileFormat(std::string_view(head, got), path));
  switch (format) {
    case ImageFileFormat::kPng: return internal::OpenPngFile(path, options);
    case ImageFileFormat::kJpeg: return internal::OpenJpegFile(path, options);
    case ImageFileFormat::kTiff: return internal::OpenTiffFile(path, options);
    case ImageFileFormat::kPdf: return internal::OpenPdfFile(path, options);
    case ImageFileFormat::kPnm: return internal::OpenPnmFile(path, options);
  }
  return Internal("unhandled image file format");
}

Status ForEachImageFilePage(const std::filesystem::path& path, const ImageFileOptions& options,
                            const ImageFilePageCallback& on_page) {
  INTAKE_ASSIGN_OR_RETURN(auto reader, ImageFileReader::Open(path, options));
  for (int i = 0; i < reader->page_count(); ++i) {
    INTAKE_ASSIGN_OR_RETURN(ImageFilePage page, reader->ReadPage(i));
    INTAKE_RETURN_IF_ERROR(on_page(page, reader->page_count()));
  }
  return Status::Ok();
}

bool IsIncompleteFileError(const Status& status) {
  // Both phrases are written only by DetectImageFileFormat and internal::DecodeError below.
  return status.code() == Code::kCorrupt &&
         (status.message().find(internal::kEndsEarly) != std::string::npos ||
          status.message().find(internal::kIsEmpty) != std::string::npos);
}

namespace internal {

std::string FileMessage(const std::filesystem::path& path, std::string_view what) {
  return path.string() + ": " + std::string(what);
}

Status DecodeError(const std::filesystem::path& path, ImageFileFormat format,
                   std::string_view detail, bool truncated) {
  std::string what = truncated ? "the " + std::string(ImageFileFormatName(format)) +
                                     " file " + std::string(kEndsEarly) + " (truncated: " + std::string(detail) +
                                     "); if a scanner is still saving it, wait for it to "
                                     "finish, otherwise scan the pages again"
                               : "the " + std::string(ImageFileFormatName(format)) +
                                     " file is damaged (" + std::string(detail) +
                                     "); scan the pages again or save the file again";
  return Corrupt(FileMessage(path, what));
}

Result<ImageFilePage> AllocatePage(const std::filesystem::path& path, int width, int height,
                                   int channels, const ImageFileOptions& options) {
  if (width <= 0 || height <= 0) {
    return Corrupt(FileMessage(path, "the image has no pixels (" + std::to_string(width) + "x" +
                                         std::to_string(height) + "); save the file again"));
  }
  if (static_cast<std::int64_t>(width) * height > options.max_pixels) {
    return InvalidArgument(FileMessage(
        path, "the page is " + std::to_string(width) + "x" + std::to_string(height) +
                  " pixels, more than the limit of " + std::to_string(options.max_pixels) +
                  "; scan at a lower resolution"));
  }
  ImageFilePage page;
  page.width = width;
  page.height = height;
  page.channels = channels;
  page.stride = static_cast<std::size_t>(width) * channels;
  page.bytes.resize(page.stride * height);
  return page;
}

void SetPageDpi(ImageFilePage& page, double dpi_x, double dpi_y,
                const ImageFileOptions& options) {
  auto plausible = [](double d) { return d >= 1 && d <= 10000; };
  if (plausible(dpi_x) && plausible(dpi_y)) {
    page.dpi_x = dpi_x;
    page.dpi_y = dpi_y;
    page.dpi_from_file = true;
  } else {
    page.dpi_x = page.dpi_y = options.assumed_dpi;
    page.dpi_from_file = false;
  }
}

bool CollapseNeutralRgbToGray(ImageFilePage& page) {
  if (page.channels != 3) return false;
  for (int y = 0; y < page.height; ++y) {
    const std::uint8_t* row = page.bytes.data() + y * page.stride;
    for (int x = 0; x < page.width; ++x) {
      if (row[3 * x] != row[3 * x + 1] || row[3 * x] != row[3 * x + 2]) return false;
    }
  }
  // In place: the gray row y is written at y * width, never ahead of the RGB row being read.
  for (int y = 0; y < page.height; ++y) {
    const std::uint8_t* src = page.bytes.data() + y * page.stride;
    std::uint8_t* dst = page.bytes.data() + static_cast<std::size_t>(y) * page.width;
    for (int x = 0; x < page.width; ++x) dst[x] = src[3 * x];
  }
  page.channels = 1;
  page.stride = page.width;
  page.bytes.resize(page.stride * page.height);
  page.bytes.shrink_to_fit();
  return true;
}

Status CheckPageIndex(const ImageFileReader& reader, int index) {
  if (index < 0 || index >= reader.page_count()) {
    return InvalidArgument(FileMessage(reader.path(), "page " + std::to_string(index + 1) +
                                                          " does not exist (the file has " +
                                                          std::to_string(reader.page_count()) +
                                                          " pages)"));
  }
  return Status::Ok();
}

Result<ImageFilePage> SinglePageReader::ReadPage(int index) {
  INTAKE_RETURN_IF_ERROR(CheckPageIndex(*this, index));
  return decode_();
}

}  // namespace internal
}  // namespace intake::capture
