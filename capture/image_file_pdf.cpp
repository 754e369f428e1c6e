// PDF pages rendered with poppler-cpp (Splash backend), one page at a time at
// ImageFileOptions::pdf_dpi. Gray pages (the usual scan-to-PDF) are rendered as gray
// directly, which is what makes pdftoppm -gray fast: a colour render costs ~1.5x and then a
// pass to find it neutral. Whether a page is gray is decided on a small colour render first
// (kProbeDpi): a page neutral there to the last level has no colour worth keeping (one
// saturated 300 dpi pixel still moves a probe pixel by several levels). After a colour page
// the next page is rendered in colour straight away (colour documents skip the probe); a
// neutral colour render is still handed over as gray. poppler repairs damaged cross-reference tables silently and will
// render a half-written file, so completeness is checked first: a PDF must end with "%%EOF"
// (ISO 32000-1 7.5.5; incremental updates also end with it).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "capture/image_file_internal.h"
#include "core/log.h"
#include "core/unique_fd.h"

namespace intake::capture::internal {
namespace {

void OnPopplerMessage(const std::string& message, void*) {
  // poppler's messages describe file structure, never page content: safe to log.
  LogDebug("pdf", message);
}

void RoutePopplerMessagesOnce() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(OnPopplerMessage, nullptr); });
}

// True when "%%EOF" appears in the last 1024 bytes of the file.
Result<bool> EndsWithEofMarker(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("cannot open " + path.string(), errno);
  struct stat st{};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("cannot stat " + path.string(), errno);
  const off_t tail = st.st_size < 1024 ? st.st_size : 1024;
  std::string buffer(static_cast<std::size_t>(tail), '\0');
  ssize_t got = ::pread(fd.get(), buffer.data(), buffer.size(), st.st_size - tail);
  if (got < 0) return ErrnoStatus("cannot read " + path.string(), errno);
  buffer.resize(static_cast<std::size_t>(got));
  return buffer.find("%%EOF") != std::string::npos;
}

class PdfFileReader final : public ImageFileReader {
 public:
  PdfFileReader(std::filesystem::path path, const ImageFileOptions& options,
                std::unique_ptr<poppler::document> document)
      : ImageFileReader(std::move(path), ImageFileFormat::kPdf, document->pages()),
        options_(options),
        document_(std::move(document)) {
    renderer_.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer_.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer_.set_paper_color(0xffffffff);
  }

  Result<ImageFilePage> ReadPage(int index) override {
    INTAKE_RETURN_IF_ERROR(CheckPageIndex(*this, index));
    std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page) {
      return DecodeError(path(), ImageFileFormat::kPdf,
                         "page " + std::to_string(index + 1) + " cannot be loaded", false);
    }
    // Check the size before rendering: poppler would allocate it.
    const poppler::rectf box = page->page_rect(poppler::media_box);
    const double dpi = options_.pdf_dpi;
    const double w = box.width() * dpi / 72.0, h = box.height() * dpi / 72.0;
    if (w * h > static_cast<double>(options_.max_pixels)) {
      return AllocatePage(path(), static_cast<int>(std::min(w, 1e9)),
                          static_cast<int>(std::min(h, 1e9)), 3, options_).status();
    }
    const bool gray = !previous_page_colour_ && ProbeIsNeutral(page.get());
    renderer_.set_image_format(gray ? poppler::image::format_gray8 : poppler::image::format_bgr24);
    poppler::image image = renderer_.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
      return DecodeError(path(), ImageFileFormat::kPdf,
                         "page " + std::to_string(index + 1) + " cannot be rendered", false);
    }
    INTAKE_ASSIGN_OR_RETURN(ImageFilePage out, AllocatePage(path(), image.width(), image.height(),
                                                            gray ? 1 : 3, options_));
    const int row_bytes = image.bytes_per_row();
    const char* data = image.const_data();
    for (int y = 0; y < out.height; ++y) {
      const auto* in = reinterpret_cast<const std::uint8_t*>(data + y * row_bytes);
      std::uint8_t* dst = out.bytes.data() + y * out.stride;
      if (gray) {
        std::memcpy(dst, in, static_cast<std::size_t>(out.width));
        continue;
      }
      for (int x = 0; x < out.width; ++x) {  // BGR -> RGB
        dst[3 * x] = in[3 * x + 2];
        dst[3 * x + 1] = in[3 * x + 1];
        dst[3 * x + 2] = in[3 * x];
      }
    }
    image = poppler::image();  // free the render before the gray pass
    // A colour render of a gray or B/W scan is neutral: hand it over as gray.
    if (!gray) previous_page_colour_ = !CollapseNeutralRgbToGray(out);
    out.dpi_x = out.dpi_y = dpi;
    out.dpi_from_file = true;
    out.source_bits = 8;
    out.page_index = index;
    return out;
  }

 private:
  // True when a small colour render of the page has no pixel with R, G and B apart.
  bool ProbeIsNeutral(poppler::page* page) {
    renderer_.set_image_format(poppler::image::format_bgr24);
    const poppler::image probe = renderer_.render_page(page, kProbeDpi, kProbeDpi);
    if (!probe.is_valid()) return false;
    for (int y = 0; y < probe.height(); ++y) {
      const auto* row =
          reinterpret_cast<const std::uint8_t*>(probe.const_data() + y * probe.bytes_per_row());
      for (int x = 0; x < probe.width(); ++x)
        if (row[3 * x] != row[3 * x + 1] || row[3 * x] != row[3 * x + 2]) return false;
    }
    return true;
  }

  static constexpr double kProbeDpi = 50;
  bool previous_page_colour_ = false;
  ImageFileOptions options_;
  std::unique_ptr<poppler::document> document_;
  poppler::page_renderer renderer_;
};

}  // namespace

Result<std::unique_ptr<ImageFileReader>> OpenPdfFile(const std::filesystem::path& path,
                                                     const ImageFileOptions& options) {
  RoutePopplerMessagesOnce();
  INTAKE_ASSIGN_OR_RETURN(bool complete, EndsWithEofMarker(path));
  if (!complete) return DecodeError(path, ImageFileFormat::kPdf, "no %%EOF marker", true);
  if (!poppler::page_renderer::can_render()) {
    return Internal("poppler was built without a renderer; PDF pages cannot be rendered");
  }
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path.string()));
  if (!document) {
    return DecodeError(path, ImageFileFormat::kPdf, "poppler cannot parse it", false);
  }
  if (document->is_locked()) {
    return InvalidArgument(FileMessage(
        path, "the PDF is protected by a password; save it again without a password"));
  }
  if (document->pages() <= 0) {
    return DecodeError(path, ImageFileFormat::kPdf, "it has no pages", false);
  }
  std::unique_ptr<ImageFileReader> reader =
      std::make_unique<PdfFileReader>(path, options, std::move(document));
  return reader;
}

}  // namespace intake::capture::internal
