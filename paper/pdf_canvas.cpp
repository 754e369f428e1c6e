#include "paper/pdf_canvas.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <filesystem>
#include <mutex>

namespace intake::paper {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

// FreeType library for every font face cairo may still cache: created once and deliberately
// never freed, because cairo's font cache can outlive any canvas (FT_Done_FreeType while cairo
// holds a face would be a use-after-free).
FT_Library SharedFreeType() {
  static FT_Library library = [] {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) lib = nullptr;
    return lib;
  }();
  return library;
}

const cairo_user_data_key_t kFaceKey{};

void DoneFace(void* face) { FT_Done_Face(static_cast<FT_Face>(face)); }

// A cairo font face that owns its FT_Face (released through cairo's user-data destructor).
struct FontFaceDeleter {
  void operator()(cairo_font_face_t* f) const { cairo_font_face_destroy(f); }
};
using FontFacePtr = std::unique_ptr<cairo_font_face_t, FontFaceDeleter>;

Result<FontFacePtr> LoadFont(const char* path) {
  static std::mutex mutex;  // FT_New_Face on a shared library is not thread-safe
  std::lock_guard lock(mutex);
  FT_Library lib = SharedFreeType();
  if (!lib) return Internal("FreeType failed to initialise");
  if (!std::filesystem::exists(path)) {
    return NotFound(std::string("font ") + path + " is missing (install fonts-dejavu-core)");
  }
  FT_Face face = nullptr;
  if (FT_New_Face(lib, path, 0, &face) != 0) {
    return Corrupt(std::string("font ") + path + " cannot be loaded");
  }
  FontFacePtr cf(cairo_ft_font_face_create_for_ft_face(face, 0));
  if (cairo_font_face_set_user_data(cf.get(), &kFaceKey, face, DoneFace) != CAIRO_STATUS_SUCCESS) {
    FT_Done_Face(face);
    return Internal("cairo could not take ownership of a font face");
  }
  return cf;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfCanvas::Impl {
  std::string bytes;  // written by cairo through AppendToString; must outlive the surface
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  FontFacePtr regular;
  FontFacePtr bold;
  ~Impl() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
  void Use(Font font, double size_pt) {
    cairo_set_font_face(cr, font == Font::kBold ? bold.get() : regular.get());
    cairo_set_font_size(cr, size_pt);
  }
};

PdfCanvas::PdfCanvas(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfCanvas::~PdfCanvas() = default;

Result<std::unique_ptr<PdfCanvas>> PdfCanvas::Create(const std::string& title) {
  auto impl = std::make_unique<Impl>();
  INTAKE_ASSIGN_OR_RETURN(impl->regular, LoadFont(INTAKE_PAPER_FONT));
  INTAKE_ASSIGN_OR_RETURN(impl->bold, LoadFont(INTAKE_PAPER_FONT_BOLD));
  impl->surface = cairo_pdf_surface_create_for_stream(
      AppendToString, &impl->bytes, kPageWidthMm * kPtPerMm, kPageHeightMm * kPtPerMm);
  if (cairo_surface_status(impl->surface) != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("cairo PDF surface: ") +
                    cairo_status_to_string(cairo_surface_status(impl->surface)));
  }
  cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_CREATOR, "intake");
  impl->cr = cairo_create(impl->surface);
  cairo_scale(impl->cr, kPtPerMm, kPtPerMm);  // draw in millimetres
  cairo_set_source_rgb(impl->cr, 0, 0, 0);
  return std::unique_ptr<PdfCanvas>(new PdfCanvas(std::move(impl)));
}

void PdfCanvas::Text(double x_mm, double y_mm, double size_pt, std::string_view utf8, Font font) {
  impl_->Use(font, size_pt / kPtPerMm);
  std::string text(utf8);
  cairo_move_to(impl_->cr, x_mm, y_mm);
  cairo_show_text(impl_->cr, text.c_str());
}

double PdfCanvas::TextWidthMm(double size_pt, std::string_view utf8, Font font) {
  impl_->Use(font, size_pt / kPtPerMm);
  std::string text(utf8);
  cairo_text_extents_t ext;
  cairo_text_extents(impl_->cr, text.c_str(), &ext);
  return ext.x_advance;
}

void PdfCanvas::TextFitted(double x_mm, double y_mm, double size_pt, std::string_view utf8,
                           double max_width_mm, Font font) {
  std::string text(utf8);
  if (TextWidthMm(size_pt, text, font) > max_width_mm) {
    while (!text.empty() && TextWidthMm(size_pt, text + "…", font) > max_width_mm) {
      // Drop one UTF-8 code point from the end.
      size_t cut = text.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    text += "…";
  }
  Text(x_mm, y_mm, size_pt, text, font);
}

void PdfCanvas::Line(double x1, double y1, double x2, double y2, double width_pt) {
  cairo_set_line_width(impl_->cr, width_pt / kPtPerMm);
  cairo_move_to(impl_->cr, x1, y1);
  cairo_line_to(impl_->cr, x2, y2);
  cairo_stroke(impl_->cr);
}

void PdfCanvas::Rect(double x, double y, double w, double h, double width_pt) {
  cairo_set_line_width(impl_->cr, width_pt / kPtPerMm);
  cairo_rectangle(impl_->cr, x, y, w, h);
  cairo_stroke(impl_->cr);
}

namespace {

// A machine-readable symbol: white background over its whole area (quiet zone included), then
// crisp black modules. Saves the cairo state; the caller fills and restores.
cairo_t* BeginSymbol(cairo_t* cr, double x, double y, double w, double h) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  return cr;
}

}  // namespace

void PdfCanvas::Barcode(const std::vector<int>& widths, double x, double y, double width,
                        double height) {
  const int quiet = 10;
  int modules = 2 * quiet;
  for (int w : widths) modules += w;
  double module = width / modules;
  cairo_t* cr = BeginSymbol(impl_->cr, x, y, width, height);
  double at = x + quiet * module;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i % 2 == 0) cairo_rectangle(cr, at, y, widths[i] * module, height);  // bars at even i
    at += widths[i] * module;
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void PdfCanvas::Qr(const QrMatrix& qr, double x, double y, double size) {
  const int quiet = 4;
  double module = size / (qr.size + 2 * quiet);
  cairo_t* cr = BeginSymbol(impl_->cr, x, y, size, size);
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size; ++col) {
      if (qr.at(col, row)) {
        cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void PdfCanvas::NewPage() {
  cairo_show_page(impl_->cr);
  ++pages_;
}

Result<std::string> PdfCanvas::Finish() {
  cairo_show_page(impl_->cr);
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  cairo_status_t status = cairo_surface_status(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("cairo PDF output: ") + cairo_status_to_string(status));
  }
  return std::move(impl_->bytes);
}

}  // namespace intake::paper
