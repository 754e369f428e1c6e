// A second look, in Latin, at words a Cyrillic model read in letters that all have Latin
// twins.
//
// Tesseract reading a Ukrainian page with several models keeps to the Cyrillic ones on a line
// of Cyrillic text, so a Latin word there comes out in Cyrillic letters of about the same
// shape: "IBAN" as "ІВАМ", the "ID" of "(ID-картка)" as "(І0-" or "(1р-". No single model
// reads both scripts. Such a word, or the hyphen-joined part of one, is read again alone by
// a Latin-only engine, and the Latin reading replaces the Cyrillic one only when
//  - the two disagree in shape, not only in script: "ТОВ" read "TOB" keeps its Cyrillic,
//    because nothing in the glyphs says which script it is and the page is Ukrainian;
//  - the Latin reading has a letter without a Cyrillic twin ("N", "D"): a letter the Cyrillic
//    models could not give, so they had to give the nearest one they have ("М", "0");
//  - the Latin reading is about as confident (the engines' scales differ), and is made of
//    Latin letters, digits and the same punctuation, with about as many characters.
// The decisions are pure functions here; TesseractEngine does the reading.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr {

// True when `part` holds a Cyrillic letter, every letter in it has a Latin twin, and it looks
// like an acronym or code: a capital or a digit, two letters or digits at least ("ІВАМ:",
// "(І0-", "(1р-", "ТОВ"); punctuation may be mixed in. False for "картка)", "Ім'я",
// "2454770736", "UA39…", and for everyday small words of twin letters ("у", "і", "усі").
// Also true for 2 or 3 digits before a hyphen ("(10-" of "(10-картка)"): a short code the
// Cyrillic models read as digits.
bool NeedsLatinLook(std::string_view part);

// Whether the Latin re-reading (`latin`, `latin_confidence`) should replace `original`
// (`original_confidence`), both 0..100. See the header comment for the rule.
bool PreferLatinReading(std::string_view original, float original_confidence,
                        std::string_view latin, float latin_confidence);

// Byte ranges of the hyphen-joined parts of a word: "(І0-картка)" -> "(І0-", "картка)". A
// hyphen stays with the part before it. A word without a hyphen is one part.
struct WordPart {
  size_t begin = 0, end = 0;  // [begin, end) bytes of the word's text
};
std::vector<WordPart> SplitAtHyphens(std::string_view word);

}  // namespace intake::ocr
