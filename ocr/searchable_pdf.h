// SearchablePdf: one searchable PDF per document — each page is the cleaned page image with
// Tesseract's invisible text layer over it (Tesseract's own PDF renderer, GlyphLessFont).
//
// Pages are written to the file as they are added (a long document is never held in memory).
// The PDF appears at its final path only when Finish() succeeds: it is written to a temporary
// file beside it, fsynced, then renamed. Destroying an unfinished SearchablePdf removes the
// temporary file.
//
// Thread safety: appends with a page index and SkipPage may come from several threads;
// Create, Finish and the destructor from one thread when no append is under way.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"

namespace intake::ocr {

class SearchablePdf {
 public:
  // `tessdata_dir` must hold pdf.ttf (shipped with tesseract-ocr). `title` goes into the PDF
  // metadata: never personal data (use a case or document id).
  static Result<std::unique_ptr<SearchablePdf>> Create(const std::filesystem::path& out_path,
                                                       const std::filesystem::path& tessdata_dir,
                                                       const std::string& title);
  ~SearchablePdf();
  SearchablePdf(const SearchablePdf&) = delete;
  SearchablePdf& operator=(const SearchablePdf&) = delete;

  int page_count() const;

  // Ordered appends from several threads: page `index` (0-based, in document order) is
  // appended only after pages 0..index-1 were appended or skipped; TesseractEngine's
  // AppendLastPageTo(pdf, index) waits for its turn. A page that failed must be skipped so
  // the later ones are not kept waiting. Skipping an index already passed does nothing.
  void SkipPage(int index);
  // Closes the document and moves it to out_path. kFailedPrecondition when no page was added.
  Status Finish();

 private:
  friend struct SearchablePdfAccess;
  struct Impl;
  explicit SearchablePdf(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace intake::ocr
