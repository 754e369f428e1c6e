// The numero sign "№" put back where OCR read it as letters.
//
// Ukrainian writes a document's or a decision's number with "№" ("постанова від 16.05.2014
// № 523", "Паспорт (ID-картка) №: 719247775"). Only the Cyrillic script model has the sign;
// the ukr and eng models read it as two letters ("Ме", "Мо", "No", "Ne"), and often win the
// word. None of those readings is a Ukrainian word, and no Ukrainian text writes "No" before
// a number, so such a word on a Cyrillic line, just before a number, is the sign.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr {

// The letters before any trailing ":" or "." of `word` are a reading of "№": "Ме", "Мо",
// "No", "Ne", "N°", "Nº", "Nо" in either script.
bool IsNumeroSignReading(std::string_view word);

// Replaces, in `words`, each numero-sign reading that is followed on its line by a word
// starting with a digit, on a line with more Cyrillic than Latin letters. Returns how many
// were replaced (reading_corrections.h carries them into the page's text).
int RestoreNumeroSigns(std::vector<OcrWord>& words);

}  // namespace intake::ocr
