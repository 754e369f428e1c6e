#include "ocr/numero_sign.h"

#include "ocr/line_script.h"
#include "ocr/lookalike.h"

namespace intake::ocr {
namespace {

// The word without a trailing ":" or "." (at most one of each).
std::string_view Stem(std::string_view word) {
  for (int i = 0; i < 2 && !word.empty() && (word.back() == ':' || word.back() == '.'); ++i) {
    word.remove_suffix(1);
  }
  return word;
}

bool StartsWithDigit(std::string_view word) {
  return !word.empty() && word.front() >= '0' && word.front() <= '9';
}

// Cyrillic letters minus Latin letters in the words of `line`.
int ScriptBalance(const std::vector<OcrWord>& words, int line) {
  int balance = 0;
  for (const auto& w : words) {
    if (w.line != line) continue;
    const ScriptCounts counts = CountScripts(w.text);
    balance += counts.cyrillic - counts.latin;
  }
  return balance;
}

}  // namespace

bool IsNumeroSignReading(std::string_view word) {
  // The second letter in Latin: "Мо" and "Mo" are the same glyphs.
  const std::u32string s = DecodeUtf8(ToLatinLookalikes(Stem(word)));
  if (s.size() != 2) return false;
  const bool first = s[0] == U'N' || s[0] == U'M';
  const bool second = s[1] == U'o' || s[1] == U'e' || s[1] == U'°' || s[1] == U'º';
  return first && second;
}

int RestoreNumeroSigns(std::vector<OcrWord>& words) {
  int restored = 0;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    OcrWord& word = words[i];
    if (words[i + 1].line != word.line || !StartsWithDigit(words[i + 1].text)) continue;
    if (!IsNumeroSignReading(word.text) || ScriptBalance(words, word.line) <= 0) continue;
    const std::string_view stem = Stem(word.text);
    word.text = "№" + word.text.substr(stem.size());
    ++restored;
  }
  return restored;
}

}  // namespace intake::ocr
