// PageProcessor: one page image in, everything intake knows about the page out.
//
//   page image (file page or capture page)
//     -> cleanup (ocr/cleanup.h: border, deskew, holes, blank decision, binarization)
//     -> orientation (Tesseract OSD: the 0/90/180/270 counter-clockwise turn found, undone)
//     -> OCR Cyrillic+ukr+eng (text, word and page confidences, hOCR)
//     -> fields (validated), document class, review flags
//     -> optional outputs: the case folder's ocr/NNNN.* files, a page of a searchable PDF.
//
// A blank page is flagged (blank = true, needs_review) and kept, never dropped: its cleaned
// image is still written so it can be recovered.
//
// Cost: one processor holds a Tesseract Cyrillic+ukr+eng engine (~120 MB) and, unless given a
// shared one, an OSD engine (~30 MB); create one per worker thread (engine_pool.h does, sharing one
// OSD engine) and reuse it for every page.
//
// Thread safety: one thread at a time per processor; distinct processors run in parallel.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "capture/image_file_reader.h"
#include "core/status.h"
#include "ocr/page_result.h"
#include "ocr/tesseract_engine.h"

namespace intake::ocr {

class OrientationDetector;

struct PageProcessorOptions {
  std::filesystem::path tessdata_dir;  // empty: $TESSDATA_PREFIX, then the Debian default
  std::string languages = kDefaultLanguages;
  bool latin_second_look = true;  // TesseractOptions::latin_second_look
  bool detect_orientation = true;
  // Not null: this detector is used (it may be shared by the processors of a pool; it is
  // thread-safe) instead of the processor loading its own OSD engine (~30 MB).
  std::shared_ptr<OrientationDetector> shared_orientation;
  bool want_hocr = false;              // fill PageResult::hocr (always done for a case folder)
  bool want_words = true;              // keep PageResult::words
  float review_below_confidence = 80;  // page confidence (0..100) under which review is asked
  float field_review_below = 0.6f;     // a field confidence (0..1) under which review is asked
};

// Where the page came from, for the result and the output file names.
struct PageLabel {
  std::string file;  // shown in PageResult::file
  int page = 1;      // 1-based; also the NNNN of the case folder's ocr/NNNN.* files
};

struct PageOutputs {
  // Not empty: writes <case_dir>/ocr/NNNN.{tif|jpg}, .txt, .json, .hocr (docs/case-layout.md)
  // durably; NNNN is `case_page`, or PageLabel::page when it is 0. A searchable PDF is made
  // from these files afterwards (document_pdf.h).
  std::filesystem::path case_dir;
  int case_page = 0;
};

class PageProcessor {
 public:
  // Fails with kNotFound (message names the package to install) when Tesseract data for the
  // languages or osd is missing.
  static Result<std::unique_ptr<PageProcessor>> Create(const PageProcessorOptions& options = {});
  ~PageProcessor();
  PageProcessor(const PageProcessor&) = delete;
  PageProcessor& operator=(const PageProcessor&) = delete;

  // Processes one decoded page (gray or RGB, any size). Fails for an empty or tiny image
  // (kInvalidArgument), a Tesseract failure (kInternal) or an output that cannot be written
  // (kIoError / kResourceExhausted); nothing is written to the case folder for a failed page.
  Result<PageResult> Process(const capture::ImageFilePage& page, const PageLabel& label,
                             const PageOutputs& outputs = {});

  // Reads page `page_index` (0-based) of an image file (PNG, JPEG, TIFF, PDF) and processes
  // it; the label's page is page_index + 1 unless `label` is given.
  Result<PageResult> ProcessFile(const std::filesystem::path& path, int page_index = 0,
                                 const PageOutputs& outputs = {});

  const std::filesystem::path& tessdata_dir() const;

 private:
  struct Impl;
  explicit PageProcessor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace intake::ocr
