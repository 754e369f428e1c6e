// JPEG pages through libjpeg(-turbo). libjpeg reports fatal errors by calling error_exit, which
// must not return: we longjmp back to the decode function (the documented libjpeg pattern; no
// C++ object with a destructor lives between setjmp and the libjpeg frames). Warnings matter
// too: a truncated file only raises the warning "Premature end of JPEG file" and libjpeg pads
// the missing rows with gray, so any warning about premature end fails the page.
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>

#include <jpeglib.h>
#include <jerror.h>

#include "capture/image_file_internal.h"
#include "core/file_util.h"

namespace intake::capture::internal {
namespace {

struct JpegErrorManager {
  jpeg_error_mgr base;  // first member: libjpeg hands us a pointer to it
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool truncated;
  bool corrupt_data;
};

void OnJpegError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

void OnJpegMessage(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  auto* err = reinterpret_cast<JpegErrorManager*>(cinfo->err);
  if (err->base.msg_code == JWRN_JPEG_EOF || err->base.msg_code == JERR_INPUT_EOF) {
    err->truncated = true;
  } else if (!err->corrupt_data) {
    err->corrupt_data = true;  // keep the first warning: it names the first damage
  } else {
    return;
  }
  (*cinfo->err->format_message)(cinfo, err->message);
}

// Owns a decompressor (jpeg_destroy_decompress is safe after a failed create only if
// `created` is set, hence the flag).
struct JpegDecompressor {
  jpeg_decompress_struct cinfo;
  JpegErrorManager err;
  bool created = false;
  ~JpegDecompressor() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
};

double DensityToDpi(int unit, int density) {
  if (unit == 1) return density;           // dots per inch
  if (unit == 2) return density * 2.54;    // dots per cm
  return 0;                                // aspect ratio only: unknown
}

// Decodes `file` into `page` (allocated after the header is read). `header_only` stops after
// the header. Returns OK or a Status; never throws.
Status Decode(const std::filesystem::path& path, const std::string& file,
              const ImageFileOptions& options, bool header_only, ImageFilePage* page) {
  JpegDecompressor d;
  d.cinfo.err = jpeg_std_error(&d.err.base);
  d.err.base.error_exit = OnJpegError;
  d.err.base.emit_message = OnJpegMessage;
  d.err.message[0] = '\0';
  d.err.truncated = false;
  d.err.corrupt_data = false;
  // Every object with a destructor that is alive during a libjpeg call is declared before
  // setjmp, so the longjmp skips no destructor.
  std::string cmyk_row;
  if (setjmp(d.err.jump)) {
    return DecodeError(path, ImageFileFormat::kJpeg, d.err.message,
                       d.err.truncated || d.err.base.msg_code == JERR_INPUT_EMPTY ||
                           d.err.base.msg_code == JERR_INPUT_EOF);
  }
  jpeg_create_decompress(&d.cinfo);
  d.created = true;
  jpeg_mem_src(&d.cinfo, reinterpret_cast<const unsigned char*>(file.data()), file.size());
  jpeg_read_header(&d.cinfo, TRUE);
  if (header_only) return Status::Ok();
  const bool cmyk = d.cinfo.jpeg_color_space == JCS_CMYK || d.cinfo.jpeg_color_space == JCS_YCCK;
  const bool gray = d.cinfo.jpeg_color_space == JCS_GRAYSCALE;
  d.cinfo.out_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress(&d.cinfo);
  {  // no libjpeg call while `allocated` lives
    Result<ImageFilePage> allocated =
        AllocatePage(path, static_cast<int>(d.cinfo.output_width),
                     static_cast<int>(d.cinfo.output_height), gray ? 1 : 3, options);
    if (!allocated.ok()) return allocated.status();
    *page = std::move(allocated).value();
  }
  if (cmyk) cmyk_row.resize(d.cinfo.output_width * 4);
  while (d.cinfo.output_scanline < d.cinfo.output_height) {
    std::uint8_t* row = page->bytes.data() + d.cinfo.output_scanline * page->stride;
    JSAMPROW rows[1] = {cmyk ? reinterpret_cast<JSAMPROW>(cmyk_row.data()) : row};
    jpeg_read_scanlines(&d.cinfo, rows, 1);
    if (cmyk) {
      // Adobe writes inverted CMYK (Photoshop convention, which scanners follow).
      const auto* s = reinterpret_cast<const std::uint8_t*>(cmyk_row.data());
      for (unsigned x = 0; x < d.cinfo.output_width; ++x, s += 4) {
        for (int c = 0; c < 3; ++c) row[3 * x + c] = static_cast<std::uint8_t>(s[c] * s[3] / 255);
      }
    }
  }
  jpeg_finish_decompress(&d.cinfo);
  if (d.err.truncated) {
    return DecodeError(path, ImageFileFormat::kJpeg, d.err.message, true);
  }
  if (d.err.corrupt_data) {
    return DecodeError(path, ImageFileFormat::kJpeg, d.err.message, false);
  }
  SetPageDpi(*page, DensityToDpi(d.cinfo.density_unit, d.cinfo.X_density),
             DensityToDpi(d.cinfo.density_unit, d.cinfo.Y_density), options);
  return Status::Ok();
}

Result<ImageFilePage> DecodeJpeg(const std::filesystem::path& path,
                                 const ImageFileOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::string file, ReadFile(path));
  ImageFilePage page;
  INTAKE_RETURN_IF_ERROR(Decode(path, file, options, false, &page));
  return page;
}

}  // namespace

Result<std::unique_ptr<ImageFileReader>> OpenJpegFile(const std::filesystem::path& path,
                                                      const ImageFileOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::string file, ReadFile(path));
  INTAKE_RETURN_IF_ERROR(Decode(path, file, options, true, nullptr));
  std::unique_ptr<ImageFileReader> reader = std::make_unique<SinglePageReader>(
      path, ImageFileFormat::kJpeg, [path, options] { return DecodeJpeg(path, options); });
  return reader;
}

}  // namespace intake::capture::internal
