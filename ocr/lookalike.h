// Latin/Cyrillic look-alikes and apostrophes: the folds applied before a field is validated.
//
// Tesseract reading Ukrainian with ukr+eng mixes up letters that look the same in the two
// scripts (А/A, В/B, С/C, Е/E, І/I, К/K, М/M, Н/H, О/O, Р/P, Т/T, Х/X, and lowercase а/a,
// с/c, е/e, і/i, о/o, р/p, х/x, у/y) and writes the apostrophe as U+02BC, U+2019 or U+0027.
// These folds are for matching and validating only: the stored text stays as recognised.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace intake::ocr {

// UTF-8 <-> UTF-32. Invalid UTF-8 bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// Every apostrophe-like mark (U+02BC, U+2019, U+2018, U+0027, U+0060, U+00B4, U+02B9) -> U+0027.
std::string NormalizeApostrophes(std::string_view text);

// Latin look-alikes -> Cyrillic (for Ukrainian words: names, addresses, labels).
std::string ToCyrillicLookalikes(std::string_view text);

// Cyrillic look-alikes -> Latin (for Latin identifiers: the "UA" of an IBAN).
std::string ToLatinLookalikes(std::string_view text);

// Letters OCR gives for digits inside a number -> digits (О/O/о/o->0, І/I/l/|/і->1, З->3,
// Б/б->6, S->5, B/В->8); other characters unchanged. Only for fields that are all digits.
std::string DigitLookalikes(std::string_view text);

// For comparing labels: lower case, Latin look-alikes as Cyrillic, apostrophes and
// punctuation removed, white space collapsed. "Ім’я:" and "IM'Я" both give "імя".
std::string FoldForMatching(std::string_view text);

// A Cyrillic letter with a Latin twin in the table above (А В С Е І К М Н О Р Т Х У а с е і о р х у).
bool HasLatinTwin(char32_t c);

// Letters of the Cyrillic block (U+0400..U+04FF) and of basic Latin.
bool IsCyrillicLetter(char32_t c);
bool IsLatinLetter(char32_t c);

// Lower case of Cyrillic (incl. Ukrainian Є І Ї Ґ) and Latin letters.
char32_t ToLowerLetter(char32_t c);
char32_t ToUpperLetter(char32_t c);

}  // namespace intake::ocr
