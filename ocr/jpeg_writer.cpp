#include "ocr/jpeg_writer.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "core/file_util.h"

namespace intake::ocr {
namespace {

// JFIF APP0 right after SOI: FF D8 FF E0 <len:2> "JFIF\0" <version:2> <units:1> <Xdensity:2>
// <Ydensity:2> ... Offsets of the fields in the file:
constexpr size_t kUnitsOffset = 13;
constexpr size_t kXDensityOffset = 14;
constexpr size_t kYDensityOffset = 16;

bool HasJfifHeader(const uint8_t* p, size_t size) {
  return size > kYDensityOffset + 2 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF &&
         p[3] == 0xE0 && std::memcmp(p + 6, "JFIF\0", 5) == 0;
}

}  // namespace

Result<std::string> EncodeJpeg(const cv::Mat& page, double dpi, const JpegOptions& options) {
  if (page.empty() || page.depth() != CV_8U || (page.channels() != 1 && page.channels() != 3))
    return InvalidArgument("a JPEG page must be a non-empty 8-bit gray or BGR image");
  if (!(dpi > 0) || dpi > 65535) return InvalidArgument("a JPEG page needs a dpi in 1..65535");
  if (options.quality < 1 || options.quality > 100)
    return InvalidArgument("JPEG quality must be in 1..100");
  std::vector<uchar> bytes;
  try {
    const std::vector<int> params = {cv::IMWRITE_JPEG_QUALITY, options.quality,
                                     cv::IMWRITE_JPEG_PROGRESSIVE, options.progressive ? 1 : 0,
                                     cv::IMWRITE_JPEG_OPTIMIZE, 1};
    if (!cv::imencode(".jpg", page, bytes, params)) return Internal("JPEG encoder failed");
  } catch (const cv::Exception& e) {
    return Internal(std::string("JPEG encoder failed: ") + e.what());
  }
  if (!HasJfifHeader(bytes.data(), bytes.size()))
    return Internal("JPEG encoder wrote no JFIF header; cannot record the resolution");
  const int density = static_cast<int>(std::lround(dpi));
  bytes[kUnitsOffset] = 1;  // dots per inch
  for (size_t offset : {kXDensityOffset, kYDensityOffset}) {
    bytes[offset] = static_cast<uchar>(density >> 8);
    bytes[offset + 1] = static_cast<uchar>(density & 0xFF);
  }
  return std::string(bytes.begin(), bytes.end());
}

Status WriteJpeg(const std::filesystem::path& path, const cv::Mat& page, double dpi,
                 const JpegOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::string bytes, EncodeJpeg(page, dpi, options));
  return WriteFileAtomic(path, bytes);
}

double JpegDpi(const std::string& jpeg_bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(jpeg_bytes.data());
  if (!HasJfifHeader(p, jpeg_bytes.size()) || p[kUnitsOffset] != 1) return 0;
  return (p[kXDensityOffset] << 8) | p[kXDensityOffset + 1];
}

}  // namespace intake::ocr
