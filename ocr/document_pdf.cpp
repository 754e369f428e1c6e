#include "ocr/document_pdf.h"

#include <tiffio.h>

#include <cstdio>
#include <memory>

#include "core/file_util.h"
#include "ocr/hocr_words.h"
#include "ocr/jpeg_writer.h"
#include "ocr/pdf_builder.h"

namespace intake::ocr {
namespace {

namespace fs = std::filesystem;

struct PageImage {
  int width = 0, height = 0;
  double dpi = 300;
  std::string xobject_entries;  // the image dictionary without << >> and /Length
  std::string data;
};

std::string PageStem(int page) {
  char stem[16];
  std::snprintf(stem, sizeof stem, "%04d", page);
  return stem;
}

// Width, height and components from a JPEG's start-of-frame marker.
bool ReadJpegFrame(const std::string& jpeg, int* width, int* height, int* components) {
  size_t i = 2;
  while (i + 9 < jpeg.size()) {
    if (static_cast<unsigned char>(jpeg[i]) != 0xFF) return false;
    const unsigned marker = static_cast<unsigned char>(jpeg[i + 1]);
    const size_t length =
        (static_cast<unsigned char>(jpeg[i + 2]) << 8) | static_cast<unsigned char>(jpeg[i + 3]);
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      *height =
          (static_cast<unsigned char>(jpeg[i + 5]) << 8) | static_cast<unsigned char>(jpeg[i + 6]);
      *width =
          (static_cast<unsigned char>(jpeg[i + 7]) << 8) | static_cast<unsigned char>(jpeg[i + 8]);
      *components = static_cast<unsigned char>(jpeg[i + 9]);
      return *width > 0 && *height > 0 && (*components == 1 || *components == 3);
    }
    i += 2 + length;
  }
  return false;
}

Result<PageImage> JpegPage(const fs::path& path) {
  INTAKE_ASSIGN_OR_RETURN(std::string jpeg, ReadFile(path));
  PageImage page;
  int components = 0;
  if (jpeg.size() < 4 || !ReadJpegFrame(jpeg, &page.width, &page.height, &components)) {
    return Corrupt("the cleaned page " + path.string() +
                   " is not a readable JPEG: run recognition on the case again");
  }
  if (const double dpi = JpegDpi(jpeg); dpi > 0) page.dpi = dpi;
  page.xobject_entries = "/Type /XObject /Subtype /Image /Width " + std::to_string(page.width) +
                         " /Height " + std::to_string(page.height) + " /ColorSpace " +
                         (components == 1 ? "/DeviceGray" : "/DeviceRGB") +
                         " /BitsPerComponent 8 /Filter /DCTDecode";
  page.data = std::move(jpeg);
  return page;
}

// The G4 data of a single-strip, MinIsWhite TIFF as TiffG4Writer writes it.
Result<PageImage> TiffG4Page(const fs::path& path) {
  const std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFOpen(path.c_str(), "r"), &TIFFClose);
  const auto corrupt = [&](const std::string& why) {
    return Corrupt("the cleaned page " + path.string() + " cannot go into the PDF (" + why +
                   "): run recognition on the case again");
  };
  if (!tiff) return corrupt("not a readable TIFF");
  uint32_t width = 0, height = 0;
  uint16_t compression = 0, photometric = 0, fill_order = FILLORDER_MSB2LSB, unit = RESUNIT_INCH;
  float xres = 0;
  TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_COMPRESSION, &compression);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_FILLORDER, &fill_order);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
  if (compression != COMPRESSION_CCITTFAX4 || fill_order != FILLORDER_MSB2LSB ||
      TIFFNumberOfStrips(tiff.get()) != 1 || width == 0 || height == 0) {
    return corrupt("not a one-strip CCITT G4 TIFF");
  }
  PageImage page;
  page.width = static_cast<int>(width);
  page.height = static_cast<int>(height);
  if (TIFFGetField(tiff.get(), TIFFTAG_XRESOLUTION, &xres) && xres > 0) {
    page.dpi = unit == RESUNIT_CENTIMETER ? xres * 2.54 : xres;
  }
  const tmsize_t size = TIFFRawStripSize(tiff.get(), 0);
  if (size <= 0) return corrupt("empty strip");
  page.data.resize(static_cast<size_t>(size));
  if (TIFFReadRawStrip(tiff.get(), 0, page.data.data(), size) != size) {
    return corrupt("truncated strip");
  }
  // G4 codes name white and black runs; with BlackIs1 false the filter gives 0 for black,
  // which DeviceGray shows black. A MinIsBlack file has the runs' colours swapped.
  const bool black_is_1 = photometric == PHOTOMETRIC_MINISBLACK;
  page.xobject_entries = "/Type /XObject /Subtype /Image /Width " + std::to_string(width) +
                         " /Height " + std::to_string(height) +
                         " /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode"
                         " /DecodeParms << /K -1 /Columns " +
                         std::to_string(width) + " /Rows " + std::to_string(height) +
                         (black_is_1 ? " /BlackIs1 true" : "") + " >>";
  return page;
}

Result<PageImage> LoadPageImage(const fs::path& case_dir, int page) {
  const fs::path jpg = case_dir / "ocr" / (PageStem(page) + ".jpg");
  const fs::path tif = case_dir / "ocr" / (PageStem(page) + ".tif");
  std::error_code ec;
  if (fs::exists(jpg, ec)) return JpegPage(jpg);
  if (fs::exists(tif, ec)) return TiffG4Page(tif);
  return NotFound("page " + std::to_string(page) + " has no cleaned image in " +
                  (case_dir / "ocr").string() + ": run recognition on the case first");
}

// The invisible words over the image. A word sits on its line's baseline at the line's size
// (as Tesseract's own renderer does), so a line's words share one baseline and text tools
// read them as one line; without line data, on its box's bottom at the box's height. Glyphs
// are 500/1000 em wide (the font's /DW): the horizontal scale stretches each word over its
// box.
std::string TextLayer(const HocrPage& hocr, const PageImage& image) {
  const double scale = 72.0 / image.dpi;
  const double page_height = image.height * scale;
  std::string text = "BT\n3 Tr\n";
  char line[256];
  for (const HocrWord& word : hocr.words) {
    const bool on_line = word.line_size > 0;
    const double size = (on_line ? word.line_size : word.bottom - word.top) * scale;
    const double baseline = (on_line ? word.baseline : word.bottom) * scale;
    const double width = (word.right - word.left) * scale;
    const std::string hex = PdfUtf16Hex(word.text + " ");
    const size_t units = (hex.size() - 2) / 4 - 1;  // without the space
    if (size <= 0 || width <= 0 || units == 0) continue;
    const double stretch = 100.0 * width / (units * 0.5 * size);
    std::snprintf(line, sizeof line, "/F1 %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm ", size, stretch,
                  word.left * scale, page_height - baseline);
    text += line;
    text += hex;
    text += " Tj\n";
  }
  return text + "ET\n";
}

// The glyphless Type0 font Tesseract's own PDFs use (one glyph, CIDs = UTF-16 code units).
Result<int> AddFont(PdfBuilder& pdf, const fs::path& font_path) {
  std::error_code ec;
  if (!fs::exists(font_path, ec)) {
    return NotFound("the PDF text-layer font " + font_path.string() +
                    " is missing: reinstall the Debian package tesseract-ocr");
  }
  INTAKE_ASSIGN_OR_RETURN(std::string font_file, ReadFile(font_path));
  const int type0 = pdf.Reserve(), cid_font = pdf.Reserve(), to_unicode = pdf.Reserve();
  const int descriptor = pdf.Reserve(), cid_to_gid = pdf.Reserve(), file = pdf.Reserve();
  pdf.AddObject(type0,
                "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding "
                "/Identity-H /DescendantFonts [" +
                    std::to_string(cid_font) + " 0 R] /ToUnicode " + std::to_string(to_unicode) +
                    " 0 R >>");
  pdf.AddObject(cid_font,
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                "/Supplement 0 >> /FontDescriptor " +
                    std::to_string(descriptor) + " 0 R /DW 500 /CIDToGIDMap " +
                    std::to_string(cid_to_gid) + " 0 R >>");
  pdf.AddStream(to_unicode, "",
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
                "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  pdf.AddObject(descriptor,
                "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 "
                "/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 "
                "/CapHeight 1000 /StemV 80 /FontFile2 " +
                    std::to_string(file) + " 0 R >>");
  // Every CID to glyph 1, the font's one glyph.
  std::string map(2 * 65536, '\0');
  for (size_t i = 1; i < map.size(); i += 2) map[i] = 1;
  pdf.AddStream(cid_to_gid, "/Filter /FlateDecode", FlateCompress(map));
  pdf.AddStream(file, "/Length1 " + std::to_string(font_file.size()), font_file);
  return type0;
}

}  // namespace

Status WriteDocumentPdf(const DocumentPdfRequest& request, const fs::path& out) {
  if (request.pages.empty()) return InvalidArgument("a document PDF needs at least one page");
  PdfBuilder pdf;
  const int catalog = pdf.Reserve(), pages = pdf.Reserve(), info = pdf.Reserve();
  INTAKE_ASSIGN_OR_RETURN(const int font, AddFont(pdf, request.font));
  std::string kids;
  for (int number : request.pages) {
    INTAKE_ASSIGN_OR_RETURN(PageImage image, LoadPageImage(request.case_dir, number));
    const fs::path hocr_path = request.case_dir / "ocr" / (PageStem(number) + ".hocr");
    Result<std::string> hocr = ReadFile(hocr_path);
    if (!hocr.ok()) {
      return NotFound("page " + std::to_string(number) + " has no text in " + hocr_path.string() +
                      ": run recognition on the case first");
    }
    const double scale = 72.0 / image.dpi;
    char box[96];
    std::snprintf(box, sizeof box, "%.2f 0 0 %.2f 0 0 cm", image.width * scale,
                  image.height * scale);
    const std::string contents =
        std::string("q ") + box + " /Im0 Do Q\n" + TextLayer(ParseHocrPage(*hocr), image);
    const int page = pdf.Reserve(), content = pdf.Reserve(), xobject = pdf.Reserve();
    pdf.AddStream(xobject, image.xobject_entries, image.data);
    pdf.AddStream(content, "/Filter /FlateDecode", FlateCompress(contents));
    std::snprintf(box, sizeof box, "[0 0 %.2f %.2f]", image.width * scale, image.height * scale);
    pdf.AddObject(page, "<< /Type /Page /Parent " + std::to_string(pages) + " 0 R /MediaBox " +
                            box + " /Contents " + std::to_string(content) +
                            " 0 R /Resources << /XObject << /Im0 " + std::to_string(xobject) +
                            " 0 R >> /Font << /F1 " + std::to_string(font) + " 0 R >> >> >>");
    kids += std::to_string(page) + " 0 R ";
  }
  pdf.AddObject(pages, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                           std::to_string(request.pages.size()) + " >>");
  pdf.AddObject(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages) + " 0 R >>");
  pdf.AddObject(info, "<< /Producer (intake) /Title " + PdfLiteral(request.title) + " >>");
  INTAKE_RETURN_IF_ERROR(MakeDirectories(out.parent_path()));
  return WriteFileAtomic(out, pdf.Finish(catalog, info), 0600);
}

}  // namespace intake::ocr
