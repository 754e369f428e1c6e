// The words of a Tesseract hOCR page: text and box, in reading order.
//
// Reads what TesseractEngine writes into a case folder (ocr/NNNN.hocr): the ocr_page's bbox,
// each text line's baseline and size (ocr_line, ocr_header, ocr_caption, ocr_textfloat) and
// each ocrx_word span's bbox and text (HTML entities decoded). Anything else in the file is
// ignored; a word span without a bbox is skipped.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace intake::ocr {

struct HocrWord {
  std::string text;  // UTF-8
  int left = 0, top = 0, right = 0, bottom = 0;  // pixels of the page image
  // From the word's text line: the baseline's y at the word's left edge and the line's size
  // (x_size: ascender to descender), in pixels; both 0 when the hOCR has no line around it.
  double baseline = 0;
  double line_size = 0;
};

struct HocrPage {
  int width = 0, height = 0;  // the ocr_page bbox (0 when absent)
  std::vector<HocrWord> words;
};

HocrPage ParseHocrPage(std::string_view hocr);

}  // namespace intake::ocr
