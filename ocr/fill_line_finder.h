// Fill-in lines: the printed underscore runs of a form ("Підпис ____________"), which
// Tesseract's recognition never returns (its text-line finding takes a long thin rule for an
// underline, not for characters), put back into the page text.
//
// A fill-in line is a long (at least two text heights), thin (at most a fifth of the text
// height) horizontal stroke lying on a text line's baseline, starting within 1.5 text heights
// after a word of that line and overlapping no word. Table rules and page-wide separators do
// not qualify: they follow no word on their baseline. The number of underscores written is
// the stroke's length divided by the line's mean character pitch (the glyph width of "_"
// in proportional fonts is close to the average letter's).
//
// Internal header of the ocr library (OpenCV types allowed).
// Thread safety: pure functions.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr {

struct FillLine {
  int line = 0;          // OcrWord::line of the text line it belongs to
  int after_word = -1;   // index (into the words given) of the word it follows
  int underscores = 0;   // how many "_" it stands for
  cv::Rect box;          // in the pixels of the image OCR read
};

// `gray`: the 8-bit image the words were read from (0 = black); `words` in reading order as
// TesseractEngine returns them.
std::vector<FillLine> FindFillLines(const cv::Mat& gray, const std::vector<OcrWord>& words);

// `text` with " ____" inserted after the word each fill line follows. `text` must be the
// engine's text for `words` (one text line per OcrWord::line, words separated by spaces);
// a line whose words cannot be found in order in the text is left as it is.
std::string InsertFillLines(const std::string& text, const std::vector<OcrWord>& words,
                            const std::vector<FillLine>& fill_lines);

}  // namespace intake::ocr
