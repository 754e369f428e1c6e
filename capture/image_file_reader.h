// ImageFileReader: pages out of image files a scanner or an applicant hands over — PNG, JPEG,
// TIFF (multi-page) and PDF (pages rendered with poppler) — one page at a time.
//
// Pages are decoded on demand: a 200-page TIFF or PDF never sits in memory, only the page being
// read. Every page comes out as 8-bit gray (1 channel) or 8-bit RGB (3 channels) whatever the
// file held (1-bit, 16-bit, palette, alpha, CMYK are converted; alpha is laid over white).
// The format is recognised by the file's first bytes, not its name.
//
// Errors: every failure is a Status whose message names the file and says what to do:
//   kNotFound / kPermissionDenied / kIoError  the file cannot be opened or read;
//   kCorrupt                                  damaged or truncated (message says which; a
//                                             truncated file may still be being written);
//   kInvalidArgument                          not PNG/JPEG/TIFF/PDF, an encrypted PDF, a page
//                                             index out of range, or a page too large.
// A bad page of a multi-page file fails only that ReadPage call; earlier pages stay valid.
//
// OpenCV users inside intake (ocr/): capture/image_file_reader_cv.h gives cv::Mat pages.
//
// Thread safety: one reader is used by one thread at a time; distinct readers (even of the
// same file) may be used from distinct threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::capture {

enum class ImageFileFormat { kPng, kJpeg, kTiff, kPdf, kPnm };

std::string_view ImageFileFormatName(ImageFileFormat format);  // "PNG", "JPEG", "TIFF", "PDF", "PNM"

struct ImageFileOptions {
  // PDF pages are rendered at this resolution (dots per inch, 10..1200).
  int pdf_dpi = 300;
  // Reported as the page's dpi when a raster file records none (dpi_from_file is then false).
  double assumed_dpi = 300;
  // A page larger than this many pixels is refused (kInvalidArgument) rather than decoded:
  // guards against hostile or broken headers. The default fits A3 at 600 dpi.
  std::int64_t max_pixels = 80'000'000;
};

// One decoded page. A plain value: owns its pixels.
struct ImageFilePage {
  int width = 0;
  int height = 0;
  int channels = 0;           // 1 = gray, 3 = RGB (in that byte order)
  std::size_t stride = 0;     // bytes from one row to the next (>= width * channels)
  std::vector<std::uint8_t> bytes;  // height * stride bytes, top row first
  double dpi_x = 0;
  double dpi_y = 0;
  bool dpi_from_file = false; // false: dpi is ImageFileOptions::assumed_dpi (or pdf_dpi for PDF
                              // pages, where it is always true: the page was rendered at it)
  int source_bits = 8;        // bits per sample in the file (1 for bilevel TIFF/PNG, 16...)
  int page_index = 0;         // 0-based index in the file
};

class ImageFileReader {
 public:
  // Opens `path`, recognises the format and counts pages (reads the PDF cross-reference and
  // walks the TIFF directories; PNG/JPEG count one page). Fails as described above.
  static Result<std::unique_ptr<ImageFileReader>> Open(const std::filesystem::path& path,
                                                       const ImageFileOptions& options = {});
  virtual ~ImageFileReader();
  ImageFileReader(const ImageFileReader&) = delete;
  ImageFileReader& operator=(const ImageFileReader&) = delete;

  ImageFileFormat format() const { return format_; }
  const std::filesystem::path& path() const { return path_; }
  int page_count() const { return page_count_; }

  // Decodes page `index` (0-based, < page_count()). Any order works; reading in file order is
  // the cheapest (TIFF directories are walked forward).
  virtual Result<ImageFilePage> ReadPage(int index) = 0;

 protected:
  ImageFileReader(std::filesystem::path path, ImageFileFormat format, int page_count);

 private:
  std::filesystem::path path_;
  ImageFileFormat format_;
  int page_count_;
};

// Calls `on_page` for each page of `path` in order, decoding one page at a time. Stops at the
// first error (open, decode, or a non-OK Status from on_page) and returns it; pages already
// delivered stay delivered. `page_count` is the file's number of pages.
using ImageFilePageCallback = std::function<Status(const ImageFilePage& page, int page_count)>;
Status ForEachImageFilePage(const std::filesystem::path& path, const ImageFileOptions& options,
                            const ImageFilePageCallback& on_page);

// True for the errors a file that is still being written produces: empty, or truncated
// (kCorrupt "... ends early"). A watched folder waits for such a file instead of rejecting it.
bool IsIncompleteFileError(const Status& status);

// Recognises the format from the first bytes of a file ("%PDF-" may start within the first
// 1024 bytes). kInvalidArgument when it is none of the four.
Result<ImageFileFormat> DetectImageFileFormat(std::string_view first_bytes,
                                              const std::filesystem::path& path_for_message);

}  // namespace intake::capture
