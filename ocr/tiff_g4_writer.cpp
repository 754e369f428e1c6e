#include "ocr/tiff_g4_writer.h"

#include <fcntl.h>
#include <tiffio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <system_error>
#include <vector>

#include "core/file_util.h"
#include "core/unique_fd.h"

namespace intake::ocr {
namespace {

// libtiff reports through callbacks; each file keeps its own last message.
int CaptureMessage(TIFF*, void* user_data, const char* module, const char* fmt, va_list ap) {
  char buffer[512];
  std::vsnprintf(buffer, sizeof buffer, fmt, ap);
  auto* message = static_cast<std::string*>(user_data);
  *message = (module && *module ? std::string(module) + ": " : std::string()) + buffer;
  return 1;  // handled: do not print
}

int IgnoreWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
  void operator()(TIFF* tiff) const { TIFFClose(tiff); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

// Opens with per-file error capture into *message (which must outlive the handle).
TiffPtr Open(const std::filesystem::path& path, const char* mode, std::string* message) {
  std::unique_ptr<TIFFOpenOptions, OptionsFree> options(TIFFOpenOptionsAlloc());
  if (!options) return nullptr;
  TIFFOpenOptionsSetErrorHandlerExtR(options.get(), CaptureMessage, message);
  TIFFOpenOptionsSetWarningHandlerExtR(options.get(), IgnoreWarning, nullptr);
  return TiffPtr(TIFFOpenExt(path.c_str(), mode, options.get()));
}

}  // namespace

struct TiffG4Writer::Impl {
  std::filesystem::path path;
  std::filesystem::path temp_path;
  std::string message;  // libtiff's last error for this file
  TiffPtr tiff;

  ~Impl() {
    if (tiff || !temp_path.empty()) {
      tiff.reset();
      std::error_code ignored;
      std::filesystem::remove(temp_path, ignored);
    }
  }
  Status Error(const std::string& what) const {
    return IoError(what + " " + path.string() + (message.empty() ? "" : ": " + message));
  }
};

TiffG4Writer::TiffG4Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TiffG4Writer::~TiffG4Writer() = default;

Result<std::unique_ptr<TiffG4Writer>> TiffG4Writer::Create(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->temp_path = path;
  impl->temp_path += ".tmp-" + std::to_string(getpid());
  impl->tiff = Open(impl->temp_path, "w", &impl->message);
  if (!impl->tiff) {
    impl->temp_path.clear();  // nothing was created
    return impl->Error("cannot create TIFF file");
  }
  return std::unique_ptr<TiffG4Writer>(new TiffG4Writer(std::move(impl)));
}

Status TiffG4Writer::AddPage(const cv::Mat& binary, double dpi) {
  if (!impl_->tiff) return Status(Code::kFailedPrecondition, "TIFF writer already finished");
  if (binary.empty() || binary.type() != CV_8UC1)
    return InvalidArgument("a G4 page must be a non-empty 8-bit, 1-channel image");
  if (!(dpi > 0)) return InvalidArgument("a G4 page needs a positive dpi");
  TIFF* tiff = impl_->tiff.get();
  const bool ok =
      TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(binary.cols)) &&
      TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(binary.rows)) &&
      TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, 1) && TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, 1) &&
      TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4) &&
      TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE) &&
      TIFFSetField(tiff, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB) &&
      TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
      TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(binary.rows)) &&
      TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH) &&
      TIFFSetField(tiff, TIFFTAG_XRESOLUTION, static_cast<float>(dpi)) &&
      TIFFSetField(tiff, TIFFTAG_YRESOLUTION, static_cast<float>(dpi)) &&
      TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE) &&
      TIFFSetField(tiff, TIFFTAG_PAGENUMBER, static_cast<uint16_t>(pages_), static_cast<uint16_t>(0));
  if (!ok) return impl_->Error("cannot set TIFF tags in");
  // MINISWHITE: a set bit is black (ink).
  std::vector<uint8_t> row(static_cast<size_t>((binary.cols + 7) / 8));
  for (int y = 0; y < binary.rows; ++y) {
    std::fill(row.begin(), row.end(), 0);
    const uchar* src = binary.ptr<uchar>(y);
    for (int x = 0; x < binary.cols; ++x)
      if (src[x] < 128) row[static_cast<size_t>(x >> 3)] |= static_cast<uint8_t>(0x80 >> (x & 7));
    if (TIFFWriteScanline(tiff, row.data(), static_cast<uint32_t>(y), 0) < 0)
      return impl_->Error("cannot write TIFF page to");
  }
  if (!TIFFWriteDirectory(tiff)) return impl_->Error("cannot write TIFF page to");
  ++pages_;
  return Status::Ok();
}

Status TiffG4Writer::Finish() {
  if (!impl_->tiff) return Status(Code::kFailedPrecondition, "TIFF writer already finished");
  if (pages_ == 0) return Status(Code::kFailedPrecondition, "no pages added to " + impl_->path.string());
  impl_->tiff.reset();  // TIFFClose flushes
  if (!impl_->message.empty()) return impl_->Error("cannot finish TIFF file");
  {
    UniqueFd fd(::open(impl_->temp_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0)
      return ErrnoStatus("fsync " + impl_->temp_path.string(), errno);
  }
  if (::rename(impl_->temp_path.c_str(), impl_->path.c_str()) != 0)
    return ErrnoStatus("rename to " + impl_->path.string(), errno);
  impl_->temp_path.clear();
  const std::filesystem::path dir =
      impl_->path.has_parent_path() ? impl_->path.parent_path() : std::filesystem::path(".");
  return SyncDirectory(dir);
}

Status WriteTiffG4(const std::filesystem::path& path, const cv::Mat& binary, double dpi) {
  INTAKE_ASSIGN_OR_RETURN(auto writer, TiffG4Writer::Create(path));
  INTAKE_RETURN_IF_ERROR(writer->AddPage(binary, dpi));
  return writer->Finish();
}

Result<TiffInfo> InspectTiff(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFound("no such file: " + path.string());
  std::string message;
  TiffPtr tiff = Open(path, "r", &message);
  if (!tiff) return Corrupt("not a readable TIFF file: " + path.string() + (message.empty() ? "" : ": " + message));
  TiffInfo info;
  uint32_t width = 0, height = 0;
  uint16_t bits = 0, compression = 0, unit = RESUNIT_INCH;
  float xres = 0, yres = 0;
  TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_COMPRESSION, &compression);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
  if (TIFFGetField(tiff.get(), TIFFTAG_XRESOLUTION, &xres) &&
      TIFFGetField(tiff.get(), TIFFTAG_YRESOLUTION, &yres)) {
    const double to_inch = unit == RESUNIT_CENTIMETER ? 2.54 : 1.0;
    info.dpi_x = xres * to_inch;
    info.dpi_y = yres * to_inch;
  }
  info.width = static_cast<int>(width);
  info.height = static_cast<int>(height);
  info.bits_per_sample = bits;
  info.compression = compression;
  do {
    ++info.pages;
  } while (TIFFReadDirectory(tiff.get()));
  if (!message.empty() && info.pages <= 1 && width == 0)
    return Corrupt("damaged TIFF file " + path.string() + ": " + message);
  return info;
}

}  // namespace intake::ocr
