// Corrected word readings carried into the page's text and hOCR.
//
// TesseractEngine corrects some words after Tesseract has read the page (latin_second_look.h,
// line_script.h, numero_sign.h). Those corrections are made on the words; these functions put
// them into the two other forms of the same reading, so that the text, the words and the hOCR
// of a page agree (and the searchable PDF, made from the hOCR: document_pdf.h).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace intake::ocr {

// `text` with each word's reading replaced: `before[i]` and `after[i]` are word i's text in
// reading order, as the engine's text has them (words in order, separated by white space).
// A word not found in order in the text is left as it is.
std::string ReplaceWordsInText(const std::string& text, const std::vector<std::string>& before,
                               const std::vector<std::string>& after);

// The same for Tesseract's hOCR: the content of its ocrx_word spans, HTML-escaped. Spans
// that match no word in order (a rule Tesseract keeps as an empty word) are left as they are.
std::string ReplaceWordsInHocr(const std::string& hocr, const std::vector<std::string>& before,
                               const std::vector<std::string>& after);

}  // namespace intake::ocr
