// One script per word, taken from its line where the glyphs cannot tell.
//
// With Cyrillic and Latin models side by side, Tesseract sometimes returns a word of letters
// that print alike in both scripts in the other script than its line: the Portuguese "o" as
// Cyrillic "о" on a Latin line, the Ukrainian "і" as Latin "i" on a Cyrillic line. When every
// letter of a word has a twin in the other script (lookalike.h) and the line is clearly in
// that other script (at least twice as many of its letters, outside the word), the word is
// written in the line's script. Words with a letter of their own script only ("IBAN" on a
// Ukrainian line: N) are left alone.
//
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr {

struct ScriptCounts {
  int cyrillic = 0;
  int latin = 0;
};

// Letters of each script in `text`.
ScriptCounts CountScripts(const std::string& text);

// Rewrites the words of `words` as described above. Returns how many words changed.
int MatchWordsToLineScript(std::vector<OcrWord>& words);

}  // namespace intake::ocr
