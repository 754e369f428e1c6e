// FieldExtractor: reads the fields of application forms and ID documents from recognised
// words: "Label: value" lines, with labels matched tolerantly (OCR misreads such as
// "IBAN" -> "ІВАМ", "№" -> "Мо", Latin/Cyrillic look-alikes, a lost colon), each value cut
// out by the pattern of its field, validated and cross-checked (РНОКПП against the birth date
// and the sex shown by the patronymic; УНЗР against the birth date).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ocr/ocr_engine.h"
#include "ocr/page_result.h"

namespace intake::ocr {

// Fields found on the page, in the order of kFieldNames; a field appears once (its first
// occurrence) and only when its label was found.
std::vector<FieldResult> ExtractFields(const std::vector<OcrWord>& words);

// Same, from plain text (one line per line) when no word confidences exist; confidence 1.
std::vector<FieldResult> ExtractFieldsFromText(std::string_view text);

// Edit distance between two UTF-8 strings, in characters.
int EditDistance(std::string_view a, std::string_view b);

// True when `candidate` reads as `label` allowing for OCR errors: both folded
// (FoldForMatching), spaces ignored, up to 1 edit for labels of 4–6 letters, 2 for longer.
bool LabelMatches(std::string_view candidate, std::string_view label);

}  // namespace intake::ocr
