// PNM decoder (P4 bilevel, P5 gray, P6 RGB; 8- or 16-bit big-endian samples): the format the
// PageStore writes pages in, read back for recognition.
#include <cstdio>
#include <memory>

#include "capture/image_file_internal.h"
#include "core/file_util.h"

namespace intake::capture::internal {
namespace {

struct PnmHeader {
  char kind = 0;  // '4', '5' or '6'
  int width = 0, height = 0, maxval = 1;
  size_t data_offset = 0;
};

// Reads the next header integer, skipping white space and '#' comments.
bool NextNumber(const std::string& data, size_t& pos, int& value) {
  for (;;) {
    while (pos < data.size() && std::isspace(static_cast<unsigned char>(data[pos]))) ++pos;
    if (pos < data.size() && data[pos] == '#') {
      while (pos < data.size() && data[pos] != '\n') ++pos;
      continue;
    }
    break;
  }
  if (pos >= data.size() || !std::isdigit(static_cast<unsigned char>(data[pos]))) return false;
  long v = 0;
  while (pos < data.size() && std::isdigit(static_cast<unsigned char>(data[pos]))) {
    v = v * 10 + (data[pos++] - '0');
    if (v > 1000000) return false;
  }
  value = static_cast<int>(v);
  return true;
}

Result<PnmHeader> ParseHeader(const std::filesystem::path& path, const std::string& data) {
  PnmHeader h;
  h.kind = data.size() > 1 ? data[1] : 0;
  size_t pos = 2;
  bool ok = NextNumber(data, pos, h.width) && NextNumber(data, pos, h.height);
  if (ok && h.kind != '4') ok = NextNumber(data, pos, h.maxval);
  if (!ok || pos >= data.size() || h.maxval < 1 || h.maxval > 65535)
    return DecodeError(path, ImageFileFormat::kPnm, "bad header", pos >= data.size());
  h.data_offset = pos + 1;  // exactly one white space character ends the header
  return h;
}

Result<ImageFilePage> DecodePnm(const std::filesystem::path& path, const ImageFileOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  INTAKE_ASSIGN_OR_RETURN(PnmHeader h, ParseHeader(path, data));
  const int channels = h.kind == '6' ? 3 : 1;
  const int sample_bytes = h.maxval > 255 ? 2 : 1;
  const size_t row_bytes = h.kind == '4' ? (static_cast<size_t>(h.width) + 7) / 8
                                         : static_cast<size_t>(h.width) * channels * sample_bytes;
  INTAKE_ASSIGN_OR_RETURN(ImageFilePage page, AllocatePage(path, h.width, h.height, channels, options));
  if (data.size() < h.data_offset + row_bytes * h.height)
    return DecodeError(path, ImageFileFormat::kPnm,
                       "expected " + std::to_string(row_bytes * h.height) + " bytes of pixels",
                       true);
  const auto* src = reinterpret_cast<const uint8_t*>(data.data() + h.data_offset);
  for (int y = 0; y < h.height; ++y) {
    const uint8_t* row = src + row_bytes * y;
    uint8_t* out = page.bytes.data() + page.stride * y;
    for (size_t x = 0; x < static_cast<size_t>(h.width) * channels; ++x) {
      if (h.kind == '4') {
        out[x] = (row[x / 8] >> (7 - x % 8)) & 1 ? 0 : 255;  // 1 = black
      } else {
        unsigned v = sample_bytes == 2 ? (row[2 * x] << 8) | row[2 * x + 1] : row[x];
        out[x] = static_cast<uint8_t>(v * 255 / h.maxval);
      }
    }
  }
  page.source_bits = h.kind == '4' ? 1 : sample_bytes * 8;
  SetPageDpi(page, 0, 0, options);  // PNM records no resolution: the page JSON has it
  return page;
}

}  // namespace

Result<std::unique_ptr<ImageFileReader>> OpenPnmFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options) {
  return std::unique_ptr<ImageFileReader>(new SinglePageReader(
      path, ImageFileFormat::kPnm, [path, options] { return DecodePnm(path, options); }));
}

}  // namespace intake::capture::internal
