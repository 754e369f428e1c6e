// Internal to ocr/: lets TesseractEngine add its last recognised page to a SearchablePdf.
#pragma once

#include <tesseract/baseapi.h>

#include "core/status.h"
#include "ocr/searchable_pdf.h"

namespace intake::ocr::internal {

// REQUIRES: api has just recognised a page and its image is still set. index < 0: append
// now; else wait until pages 0..index-1 are appended or skipped (SearchablePdf::SkipPage).
Status AddPageToPdf(SearchablePdf& pdf, tesseract::TessBaseAPI& api, int index);

}  // namespace intake::ocr::internal
