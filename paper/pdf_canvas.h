// PdfCanvas: an A4 PDF drawn with cairo in millimetres from the top-left corner, with the
// DejaVu fonts embedded (full Cyrillic), QR symbols, linear barcodes and rules. The document is built in memory
// and returned by Finish(); callers write it atomically. Hides cairo and FreeType.
//
// Thread safety: one canvas per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "paper/qr_code.h"

namespace intake::paper {

class PdfCanvas {
 public:
  enum class Font { kRegular, kBold };
  static constexpr double kPageWidthMm = 210.0;
  static constexpr double kPageHeightMm = 297.0;

  // Fails (kNotFound) when the font files are missing (package fonts-dejavu-core).
  static Result<std::unique_ptr<PdfCanvas>> Create(const std::string& title);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // Draws UTF-8 text with its baseline at y_mm.
  void Text(double x_mm, double y_mm, double size_pt, std::string_view utf8,
            Font font = Font::kRegular);
  double TextWidthMm(double size_pt, std::string_view utf8, Font font = Font::kRegular);
  // Text shortened with "…" to fit max_width_mm.
  void TextFitted(double x_mm, double y_mm, double size_pt, std::string_view utf8,
                  double max_width_mm, Font font = Font::kRegular);
  void Line(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_pt = 0.6);
  void Rect(double x_mm, double y_mm, double w_mm, double h_mm, double width_pt = 0.6);
  // The symbol with its 4-module quiet zone fills the square (x, y, size).
  void Qr(const QrMatrix& qr, double x_mm, double y_mm, double size_mm);
  // A linear barcode (code128.h widths: bar, space, bar, ...) of `modules` whole modules with a
  // 10-module quiet zone each side, fitted to width_mm, bars height_mm tall.
  void Barcode(const std::vector<int>& widths, double x_mm, double y_mm, double width_mm,
               double height_mm);
  void NewPage();
  int page_count() const { return pages_; }

  // Ends the document; the PDF bytes, or the cairo error.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit PdfCanvas(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int pages_ = 1;
};

}  // namespace intake::paper
