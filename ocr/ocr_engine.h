// Value types shared by the OCR engines: the image handed to an engine and what it reads.
//
// These are plain values without any Tesseract, Leptonica or OpenCV type, so that every
// library above ocr/ can hold them.
//
// Thread safety: value types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace intake::ocr {

// A borrowed 8-bit image: 1 channel (gray; 0 = black) or 3 channels (RGB). The pixels are
// owned by the caller and must outlive the call that receives the view.
struct ImageView {
  const std::uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int channels = 1;             // 1 or 3
  std::size_t stride = 0;       // bytes from one row to the next
  int dpi = 300;                // used by Tesseract to size its expectations of text
};

// One recognised word: text (UTF-8, as read: never normalised), its confidence in 0..100
// and its box in the pixels of the image the engine was given.
struct OcrWord {
  std::string text;
  float confidence = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
  int line = 0;  // 0-based index of the text line the word belongs to, in reading order
};

struct OcrOutput {
  std::string text;         // UTF-8, one line of the page per line, blocks separated by \n\n
  float confidence = 0;     // mean word confidence 0..100 (0 when no words)
  std::vector<OcrWord> words;
  std::string hocr;         // filled only when asked for
};

}  // namespace intake::ocr
