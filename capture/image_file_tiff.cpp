// TIFF pages through libtiff, one directory (page) at a time: only the page being read is in
// memory. Errors are collected per handle (TIFFOpenExt handlers), never printed to stderr.
// Common scanner layouts (1-bit and 8-bit gray, 8-bit RGB, strips, top-left orientation) are
// read scanline by scanline; everything else (tiles, palette, 16-bit, YCbCr, CMYK, other
// orientations) goes through TIFFReadRGBAImageOriented, which converts any layout.
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

#include "capture/image_file_internal.h"

namespace intake::capture::internal {
namespace {

// Messages libtiff reported for one handle. The first error is kept: it names the cause.
struct TiffErrors {
  std::string first_error;
};

int OnTiffError(TIFF*, void* user_data, const char* module, const char* fmt, va_list ap) {
  auto* errors = static_cast<TiffErrors*>(user_data);
  if (errors->first_error.empty()) {
    char buffer[512];
    std::vsnprintf(buffer, sizeof buffer, fmt, ap);
    errors->first_error = buffer;
  }
  return 1;  // handled: do not print
}

int OnTiffWarning(TIFF*, void*, const char*, const char*, va_list) {
  return 1;  // unknown tags and the like: harmless for reading pixels
}

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};
using TiffHandle = std::unique_ptr<TIFF, TiffCloser>;

struct TiffOptionsDeleter {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

bool LooksTruncated(const std::string& message) {
  for (const char* hint : {"Read error", "Seek error", "end of file", "EOF", "Cannot read",
                           "Can not read", "IO error", "Not enough data", "short read"}) {
    if (message.find(hint) != std::string::npos) return true;
  }
  return false;
}

class TiffFileReader final : public ImageFileReader {
 public:
  TiffFileReader(std::filesystem::path path, const ImageFileOptions& options,
                 std::unique_ptr<TiffErrors> errors, TiffHandle tif,
                 std::vector<tdir_t> page_dirs)
      : ImageFileReader(std::move(path), ImageFileFormat::kTiff,
                        static_cast<int>(page_dirs.size())),
        options_(options),
        errors_(std::move(errors)),
        tif_(std::move(tif)),
        page_dirs_(std::move(page_dirs)) {}

  Result<ImageFilePage> ReadPage(int index) override {
    INTAKE_RETURN_IF_ERROR(CheckPageIndex(*this, index));
    errors_->first_error.clear();
    TIFF* tif = tif_.get();
    if (TIFFCurrentDirectory(tif) != page_dirs_[index] && !TIFFSetDirectory(tif, page_dirs_[index])) {
      return Failed(index, "cannot read the page's directory");
    }
    std::uint32_t width = 0, height = 0;
    std::uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE;
    std::uint16_t planar = PLANARCONFIG_CONTIG, orientation = ORIENTATION_TOPLEFT;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric)) {
      photometric = samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISWHITE;
    }
    const bool gray = (photometric == PHOTOMETRIC_MINISBLACK ||
                       photometric == PHOTOMETRIC_MINISWHITE) && samples == 1;
    const bool simple_rgb = photometric == PHOTOMETRIC_RGB && samples == 3 && bits == 8 &&
                            planar == PLANARCONFIG_CONTIG;
    const bool fast = !TIFFIsTiled(tif) && orientation == ORIENTATION_TOPLEFT &&
                      ((gray && (bits == 1 || bits == 8)) || simple_rgb);
    if (width > 0x7fffffff || height > 0x7fffffff) return Failed(index, "impossible page size");
    INTAKE_ASSIGN_OR_RETURN(ImageFilePage page,
                            AllocatePage(path(), static_cast<int>(width),
                                         static_cast<int>(height), gray ? 1 : 3, options_));
    Status read = fast ? ReadScanlines(index, photometric, bits, page)
                       : ReadRgba(index, gray, page);
    INTAKE_RETURN_IF_ERROR(read);
    float xres = 0, yres = 0;
    std::uint16_t unit = RESUNIT_INCH;
    TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xres);
    TIFFGetField(tif, TIFFTAG_YRESOLUTION, &yres);
    TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
    const double scale = unit == RESUNIT_CENTIMETER ? 2.54 : unit == RESUNIT_INCH ? 1.0 : 0.0;
    SetPageDpi(page, xres * scale, yres * scale, options_);
    page.source_bits = bits;
    page.page_index = index;
    return page;
  }

 private:
  Status Failed(int index, const std::string& what) const {
    std::string detail = "page " + std::to_string(index + 1) + ": " + what;
    if (!errors_->first_error.empty()) detail += ": " + errors_->first_error;
    return DecodeError(path(), ImageFileFormat::kTiff, detail,
                       LooksTruncated(errors_->first_error));
  }

  Status ReadScanlines(int index, std::uint16_t photometric, std::uint16_t bits,
                       ImageFilePage& page) {
    TIFF* tif = tif_.get();
    std::vector<std::uint8_t> line(static_cast<std::size_t>(TIFFScanlineSize(tif)));
    const bool invert = photometric == PHOTOMETRIC_MINISWHITE;
    for (int y = 0; y < page.height; ++y) {
      std::uint8_t* out = page.bytes.data() + y * page.stride;
      std::uint8_t* in = bits == 8 && !invert ? out : line.data();
      if (TIFFReadScanline(tif, in, static_cast<std::uint32_t>(y), 0) < 0) {
        return Failed(index, "cannot read row " + std::to_string(y + 1));
      }
      if (bits == 1) {
        // A set bit is black under MINISWHITE (the fax convention) and white under MINISBLACK.
        const std::uint8_t set = invert ? 0 : 255, clear = invert ? 255 : 0;
        for (int x = 0; x < page.width; ++x) {
          out[x] = (line[x >> 3] & (0x80 >> (x & 7))) ? set : clear;
        }
      } else if (invert) {
        for (int x = 0; x < page.width; ++x) out[x] = static_cast<std::uint8_t>(255 - line[x]);
      }
    }
    return Status::Ok();
  }

  Status ReadRgba(int index, bool gray, ImageFilePage& page) {
    std::vector<std::uint32_t> raster(static_cast<std::size_t>(page.width) * page.height);
    if (!TIFFReadRGBAImageOriented(tif_.get(), static_cast<std::uint32_t>(page.width),
                                   static_cast<std::uint32_t>(page.height), raster.data(),
                                   ORIENTATION_TOPLEFT, /*stop_on_error=*/1)) {
      return Failed(index, "cannot decode the image data");
    }
    for (int y = 0; y < page.height; ++y) {
      const std::uint32_t* in = raster.data() + static_cast<std::size_t>(y) * page.width;
      std::uint8_t* out = page.bytes.data() + y * page.stride;
      for (int x = 0; x < page.width; ++x) {
        // Alpha is composited over white, as for PNG.
        const std::uint32_t a = TIFFGetA(in[x]);
        auto over_white = [a](std::uint32_t c) {
          return static_cast<std::uint8_t>((c * a + 255 * (255 - a)) / 255);
        };
        if (gray) {
          out[x] = over_white(TIFFGetR(in[x]));
        } else {
          out[3 * x] = over_white(TIFFGetR(in[x]));
          out[3 * x + 1] = over_white(TIFFGetG(in[x]));
          out[3 * x + 2] = over_white(TIFFGetB(in[x]));
        }
      }
    }
    return Status::Ok();
  }

  ImageFileOptions options_;
  std::unique_ptr<TiffErrors> errors_;  // stable address: libtiff holds it as user data
  TiffHandle tif_;                      // closed before errors_ is freed
  std::vector<tdir_t> page_dirs_;       // directories that are pages (thumbnails skipped)
};

}  // namespace

Result<std::unique_ptr<ImageFileReader>> OpenTiffFile(const std::filesystem::path& path,
                                                      const ImageFileOptions& options) {
  auto errors = std::make_unique<TiffErrors>();
  std::unique_ptr<TIFFOpenOptions, TiffOptionsDeleter> open_options(TIFFOpenOptionsAlloc());
  if (!open_options) return Status(Code::kResourceExhausted, "out of memory opening a TIFF");
  TIFFOpenOptionsSetErrorHandlerExtR(open_options.get(), OnTiffError, errors.get());
  TIFFOpenOptionsSetWarningHandlerExtR(open_options.get(), OnTiffWarning, nullptr);
  // "m": no memory mapping — a file cut short while mapped would kill us with SIGBUS.
  TiffHandle tif(TIFFOpenExt(path.c_str(), "rm", open_options.get()));
  if (!tif) {
    return DecodeError(path, ImageFileFormat::kTiff, errors->first_error,
                       LooksTruncated(errors->first_error));
  }
  std::vector<tdir_t> page_dirs;
  for (tdir_t dir = 0;; ++dir) {
    std::uint32_t subfile_type = 0;
    TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SUBFILETYPE, &subfile_type);
    if (!(subfile_type & FILETYPE_REDUCEDIMAGE)) page_dirs.push_back(dir);
    if (!TIFFReadDirectory(tif.get())) break;
  }
  if (!errors->first_error.empty()) {
    // The directory chain is broken (often: the file was cut short). Reading the pages before
    // the break would silently lose the rest, so the whole file is refused.
    return DecodeError(path, ImageFileFormat::kTiff, errors->first_error,
                       LooksTruncated(errors->first_error));
  }
  if (page_dirs.empty()) {
    return DecodeError(path, ImageFileFormat::kTiff, "no full-size page, only thumbnails", false);
  }
  if (!TIFFSetDirectory(tif.get(), page_dirs.front())) {
    return DecodeError(path, ImageFileFormat::kTiff, errors->first_error,
                       LooksTruncated(errors->first_error));
  }
  std::unique_ptr<ImageFileReader> reader = std::make_unique<TiffFileReader>(
      path, options, std::move(errors), std::move(tif), std::move(page_dirs));
  return reader;
}

}  // namespace intake::capture::internal
