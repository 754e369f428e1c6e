// PNG pages through libpng's simplified API (png_image): it reports errors in image.message
// instead of longjmp, converts palette/16-bit/alpha for us, and frees its state on failure.
// The resolution (pHYs chunk) is not exposed by that API, so it is read from the chunk list.
#include <png.h>

#include <cstring>
#include <string>
#include <string_view>

#include "capture/image_file_internal.h"
#include "core/file_util.h"

namespace intake::capture::internal {
namespace {

std::uint32_t BigEndian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

struct PngChunkFacts {
  double dpi_x = 0, dpi_y = 0;
  bool has_iend = false;  // the file reaches its end chunk: it was written completely
  bool has_idat = false;
};

// Walks the chunk list (8-byte signature, then length, type, data, CRC) without decoding.
PngChunkFacts ScanChunks(std::string_view file) {
  PngChunkFacts facts;
  std::size_t pos = 8;
  while (pos + 8 <= file.size()) {
    const auto* p = reinterpret_cast<const unsigned char*>(file.data() + pos);
    std::uint32_t length = BigEndian32(p);
    std::string_view type(file.data() + pos + 4, 4);
    if (length > file.size() || pos + 12 + length > file.size()) break;
    if (type == "pHYs" && length >= 9 && p[8 + 8] == 1) {  // unit 1: pixels per metre
      facts.dpi_x = BigEndian32(p + 8) * 0.0254;
      facts.dpi_y = BigEndian32(p + 12) * 0.0254;
    }
    if (type == "IDAT") facts.has_idat = true;
    if (type == "IEND") {
      facts.has_iend = true;
      break;
    }
    pos += 12 + length;
  }
  return facts;
}

// Owns a png_image's decoder state (png_image_free is safe to call twice).
struct PngImage {
  png_image image;
  PngImage() {
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
  }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

Result<ImageFilePage> DecodePng(const std::filesystem::path& path,
                                const ImageFileOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::string file, ReadFile(path));
  PngChunkFacts facts = ScanChunks(file);
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, file.data(), file.size())) {
    return DecodeError(path, ImageFileFormat::kPng, png.image.message, !facts.has_iend);
  }
  const bool color = (png.image.format & PNG_FORMAT_FLAG_COLOR) != 0;
  const int channels = color ? 3 : 1;
  png.image.format = color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;  // alpha is composited away
  INTAKE_ASSIGN_OR_RETURN(ImageFilePage page,
                          AllocatePage(path, static_cast<int>(png.image.width),
                                       static_cast<int>(png.image.height), channels, options));
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&png.image, &white, page.bytes.data(),
                             static_cast<png_int_32>(page.stride), nullptr)) {
    return DecodeError(path, ImageFileFormat::kPng, png.image.message, !facts.has_iend);
  }
  if (!facts.has_iend) {
    // libpng can finish the image data and still miss the end chunk: the file was cut short.
    return DecodeError(path, ImageFileFormat::kPng, "no IEND chunk", true);
  }
  SetPageDpi(page, facts.dpi_x, facts.dpi_y, options);
  return page;
}

}  // namespace

Result<std::unique_ptr<ImageFileReader>> OpenPngFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options) {
  // The header is checked now so that Open fails on a file that is not a PNG at all.
  INTAKE_ASSIGN_OR_RETURN(std::string file, ReadFile(path));
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, file.data(), file.size())) {
    return DecodeError(path, ImageFileFormat::kPng, png.image.message,
                       !ScanChunks(file).has_iend);
  }
  std::unique_ptr<ImageFileReader> reader = std::make_unique<SinglePageReader>(
      path, ImageFileFormat::kPng, [path, options] { return DecodePng(path, options); });
  return reader;
}

}  // namespace intake::capture::internal
