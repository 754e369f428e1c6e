#include <algorithm>
#include <memory>

#include "ocr/latin_look_internal.h"
#include "ocr/tesseract_api_internal.h"

namespace intake::ocr::internal {
namespace {

struct Symbol {
  size_t begin = 0, end = 0;  // bytes in the word's text
  int left = 0, top = 0, right = 0, bottom = 0;
};

// The word's symbols with their byte ranges; empty when they do not spell the word's text.
std::vector<Symbol> SymbolsOf(const tesseract::ResultIterator& at_word, const std::string& text) {
  std::vector<Symbol> symbols;
  tesseract::ResultIterator it(at_word);
  size_t offset = 0;
  do {
    const std::string s = TakeTessText(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    if (s.empty() || text.compare(offset, s.size(), s) != 0) return {};
    Symbol symbol;
    symbol.begin = offset;
    symbol.end = offset + s.size();
    it.BoundingBox(tesseract::RIL_SYMBOL, &symbol.left, &symbol.top, &symbol.right, &symbol.bottom);
    symbols.push_back(symbol);
    offset = symbol.end;
  } while (!it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) &&
           it.Next(tesseract::RIL_SYMBOL));
  if (offset != text.size()) return {};
  return symbols;
}

}  // namespace

void AddLatinLookCandidates(const tesseract::ResultIterator& it, size_t word_index,
                            const OcrWord& word, std::vector<LatinLookCandidate>& out) {
  const std::vector<WordPart> parts = SplitAtHyphens(word.text);
  const auto wanted = [&](const WordPart& p) {
    return NeedsLatinLook(std::string_view(word.text).substr(p.begin, p.end - p.begin));
  };
  if (std::none_of(parts.begin(), parts.end(), wanted)) return;
  if (parts.size() == 1) {
    out.push_back({word_index, parts[0], word.left, word.top, word.right, word.bottom, true, true,
                   word.confidence});
    return;
  }
  const std::vector<Symbol> symbols = SymbolsOf(it, word.text);
  if (symbols.empty()) return;
  for (size_t p = 0; p < parts.size(); ++p) {
    if (!wanted(parts[p])) continue;
    // The word's confidence, not its symbols': Tesseract gives a misread symbol of a word it
    // doubts as much confidence as the others (98 for the "0" of "(І0-картка)", word 79).
    LatinLookCandidate c{
        word_index,     parts[p], 1 << 30, 1 << 30, -1, -1, p == 0, p + 1 == parts.size(),
        word.confidence};
    int n = 0;
    for (const Symbol& s : symbols) {
      if (s.begin < parts[p].begin || s.end > parts[p].end) continue;
      c.left = std::min(c.left, s.left);
      c.top = std::min(c.top, s.top);
      c.right = std::max(c.right, s.right);
      c.bottom = std::max(c.bottom, s.bottom);
      ++n;
    }
    if (n > 0) out.push_back(c);
  }
}

void LimitLatinLooks(std::vector<LatinLookCandidate>& candidates, size_t max) {
  if (candidates.size() <= max) return;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const LatinLookCandidate& a, const LatinLookCandidate& b) {
                     return a.confidence < b.confidence;
                   });
  candidates.resize(max);
  std::sort(candidates.begin(), candidates.end(),
            [](const LatinLookCandidate& a, const LatinLookCandidate& b) {
              return a.word != b.word ? a.word < b.word : a.part.begin < b.part.begin;
            });
}

int LookAgainInLatin(tesseract::TessBaseAPI& latin, const ImageView& image,
                     const std::vector<LatinLookCandidate>& candidates,
                     std::vector<OcrWord>& words) {
  int replaced = 0;
  // Later parts first, so that the byte ranges of earlier parts of a word stay valid.
  for (auto c = candidates.rbegin(); c != candidates.rend(); ++c) {
    OcrWord& word = words[c->word];
    // A margin of white helps the recogniser, except inside a word, where it would take in
    // the neighbouring part's first letter.
    const int margin = std::max(2, (c->bottom - c->top) / 5);
    const int left = std::max(0, c->left - (c->first_part ? margin : 1));
    const int right = std::min(image.width, c->right + (c->last_part ? margin : 1));
    const int top = std::max(0, c->top - margin);
    const int bottom = std::min(image.height, c->bottom + margin);
    if (right - left < 2 || bottom - top < 2) continue;
    ImageView crop = image;
    crop.pixels = image.pixels + static_cast<size_t>(top) * image.stride +
                  static_cast<size_t>(left) * static_cast<size_t>(image.channels);
    crop.width = right - left;
    crop.height = bottom - top;
    SetTessImage(latin, crop);
    const std::string reading = TakeTessText(latin.GetUTF8Text());
    const float confidence = static_cast<float>(latin.MeanTextConf());
    const std::string_view was =
        std::string_view(word.text).substr(c->part.begin, c->part.end - c->part.begin);
    if (!PreferLatinReading(was, c->confidence, reading, confidence)) continue;
    std::string_view now = reading;
    while (!now.empty() && (now.back() == '\n' || now.back() == ' ')) now.remove_suffix(1);
    while (!now.empty() && (now.front() == '\n' || now.front() == ' ')) now.remove_prefix(1);
    if (c->first_part && c->last_part) word.confidence = confidence;
    word.text.replace(c->part.begin, c->part.end - c->part.begin, now);
    ++replaced;
  }
  latin.Clear();
  return replaced;
}

}  // namespace intake::ocr::internal
