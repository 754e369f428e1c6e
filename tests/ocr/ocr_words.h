// Test helper: OcrWords from (line, text) pairs, as TesseractEngine would return them
// (boxes and confidences left at zero: the code under test reads only text and line).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr::testing {

inline std::vector<OcrWord> WordsOnLines(
    const std::vector<std::pair<int, std::string>>& line_and_text) {
  std::vector<OcrWord> words;
  for (const auto& [line, text] : line_and_text) {
    OcrWord w;
    w.line = line;
    w.text = text;
    words.push_back(w);
  }
  return words;
}

}  // namespace intake::ocr::testing
