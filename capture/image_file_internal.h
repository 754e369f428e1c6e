// Internal to capture/: the per-format decoders behind ImageFileReader and the helpers they
// share. Not a public header (other libraries include image_file_reader.h or
// image_file_reader_cv.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "capture/image_file_reader.h"
#include "core/status.h"

namespace intake::capture::internal {

// Each opener takes a file already recognised as its format.
Result<std::unique_ptr<ImageFileReader>> OpenPngFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options);
Result<std::unique_ptr<ImageFileReader>> OpenJpegFile(const std::filesystem::path& path,
                                                      const ImageFileOptions& options);
Result<std::unique_ptr<ImageFileReader>> OpenTiffFile(const std::filesystem::path& path,
                                                      const ImageFileOptions& options);
Result<std::unique_ptr<ImageFileReader>> OpenPdfFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options);
Result<std::unique_ptr<ImageFileReader>> OpenPnmFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options);

// Phrases that mark an incomplete file (IsIncompleteFileError looks for them).
inline constexpr std::string_view kEndsEarly = "ends early";
inline constexpr std::string_view kIsEmpty = "is empty";

// "<file name>: <what>" — the prefix of every message about a file.
std::string FileMessage(const std::filesystem::path& path, std::string_view what);

// A Corrupt status for a file that failed to decode. `detail` is the library's message.
// When `truncated` the message says the file ends early and may still be being written.
Status DecodeError(const std::filesystem::path& path, ImageFileFormat format,
                   std::string_view detail, bool truncated);

// Allocates a page of width x height x channels (stride = width * channels) after checking the
// size against options.max_pixels; kInvalidArgument names the file when it is too large or
// not positive.
Result<ImageFilePage> AllocatePage(const std::filesystem::path& path, int width, int height,
                                   int channels, const ImageFileOptions& options);

// Sets dpi from the file's values when both are plausible (1..10000), else assumed_dpi.
void SetPageDpi(ImageFilePage& page, double dpi_x, double dpi_y, const ImageFileOptions& options);

// The page as gray when every pixel of an RGB page is neutral (r == g == b): scans of black
// text saved as colour then cost a third of the memory downstream. Returns true if converted.
bool CollapseNeutralRgbToGray(ImageFilePage& page);

// A single-page reader (PNG, JPEG): Open checked the header, ReadPage decodes the file with
// `decode` each time it is called (nothing is cached between calls).
class SinglePageReader final : public ImageFileReader {
 public:
  using Decoder = std::function<Result<ImageFilePage>()>;
  SinglePageReader(std::filesystem::path path, ImageFileFormat format, Decoder decode)
      : ImageFileReader(std::move(path), format, 1), decode_(std::move(decode)) {}
  Result<ImageFilePage> ReadPage(int index) override;

 private:
  Decoder decode_;
};

// kInvalidArgument "page N of M does not exist" when index is out of range, else OK.
Status CheckPageIndex(const ImageFileReader& reader, int index);

}  // namespace intake::capture::internal
