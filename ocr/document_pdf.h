// The searchable PDF of one document of a case, made from the case folder's cleaned pages.
//
// Each page is the cleaned image exactly as stored in ocr/ (a JPEG embedded as it is, a TIFF G4
// as its CCITT G4 data: nothing is decoded or re-compressed) with an invisible text layer (text
// render mode 3, Tesseract's glyphless font pdf.ttf, one CID per UTF-16 code unit and a
// ToUnicode map) built from the page's ocr/NNNN.hocr: every word at its box. The hOCR is the
// reading after intake's corrections, so the PDF's text is the same as ocr/NNNN.txt.
//
// The file is written durably (WriteFileAtomic). The document is built in memory: a case
// document is a few pages of a few hundred KB.
//
// Thread safety: pure function of its inputs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::ocr {

struct DocumentPdfRequest {
  std::filesystem::path case_dir;  // holds ocr/NNNN.{jpg|tif} and ocr/NNNN.hocr
  std::vector<int> pages;          // 1-based page numbers, in document order
  std::filesystem::path font;      // Tesseract's pdf.ttf (FindTessdata() / "pdf.ttf")
  std::string title;               // PDF metadata: a case/document id, never personal data
};

// Writes the PDF to `out`. kNotFound when a page's image or hOCR or the font is missing,
// kCorrupt when an image cannot be embedded (a damaged JPEG or TIFF), kInvalidArgument for
// no pages; each message names the file and what to do.
Status WriteDocumentPdf(const DocumentPdfRequest& request, const std::filesystem::path& out);

}  // namespace intake::ocr
