// Internal to ocr/: the Tesseract side of the Latin second look (latin_second_look.h says
// which words and why). Not a public header (it includes Tesseract's).
//
// Thread safety: the TessBaseAPI given is used by one thread at a time, like every engine.
#pragma once

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <string>
#include <vector>

#include "ocr/latin_second_look.h"
#include "ocr/ocr_engine.h"

namespace intake::ocr::internal {

// A part of a recognised word to read again in Latin: its bytes in the word's text, its box
// in the page image and the confidence the page's models gave the word.
struct LatinLookCandidate {
  size_t word = 0;  // index into the page's words
  WordPart part;
  int left = 0, top = 0, right = 0, bottom = 0;
  bool first_part = true, last_part = true;
  float confidence = 0;
};

// Appends the parts of `word` (the word `it` is at, index `word_index`) that NeedsLatinLook.
// A part's box comes from its symbols (a word whose symbols do not spell its text is
// skipped), its confidence is the word's.
void AddLatinLookCandidates(const tesseract::ResultIterator& it, size_t word_index,
                            const OcrWord& word, std::vector<LatinLookCandidate>& out);

// Each look costs ~7 ms of one core; a page of codes could hold hundreds of candidates.
inline constexpr size_t kMaxLatinLooksPerPage = 64;

// Keeps the `max` candidates with the lowest confidence (the likeliest misreadings), in
// their reading order (word, then part).
void LimitLatinLooks(std::vector<LatinLookCandidate>& candidates, size_t max);

// Reads each candidate's box of `image` again with `latin` (a Latin-only engine) as a single
// line, and puts the reading into `words` where PreferLatinReading says so (the caller
// carries the words into the page's text: reading_corrections.h). Returns the number of
// parts replaced.
int LookAgainInLatin(tesseract::TessBaseAPI& latin, const ImageView& image,
                     const std::vector<LatinLookCandidate>& candidates,
                     std::vector<OcrWord>& words);

}  // namespace intake::ocr::internal
