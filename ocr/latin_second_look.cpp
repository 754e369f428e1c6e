#include "ocr/latin_second_look.h"

#include <cctype>

#include "ocr/lookalike.h"

namespace intake::ocr {
namespace {

// How much less confident the Latin reading may be. The two engines' confidences are not on
// one scale, so only a clearly less sure Latin reading is refused; the letter evidence
// (below) does the deciding.
constexpr float kLatinConfidenceSlack = 10;

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The characters that are neither letters nor digits, in order: "(ID-" -> "(-".
std::u32string Punctuation(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (!IsDigit(c) && !IsLatinLetter(c) && !IsCyrillicLetter(c)) out.push_back(c);
  }
  return out;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

bool NeedsLatinLook(std::string_view part) {
  int letters_and_digits = 0;
  bool cyrillic = false, capital_or_digit = false;
  for (char32_t c : DecodeUtf8(part)) {
    if (IsCyrillicLetter(c)) {
      if (!HasLatinTwin(c)) return false;
      cyrillic = true;
      capital_or_digit |= ToLowerLetter(c) != c;
      ++letters_and_digits;
    } else if (IsLatinLetter(c)) {
      // Already Latin somewhere: the models did switch script inside this part.
      return false;
    } else if (IsDigit(c)) {
      capital_or_digit = true;
      ++letters_and_digits;
    }
  }
  // Small words such as "у", "і", "усі" are everyday Ukrainian, and Latin met in Ukrainian
  // documents is acronyms and codes: capitals or digits, two characters or more.
  if (cyrillic) return capital_or_digit && letters_and_digits >= 2;
  // A short code glued to a word by a hyphen, read as digits: "(ID-картка)" -> "(10-". Real
  // numbers ("10-річний") stay: the Latin engine reads them as digits too.
  return !part.empty() && part.back() == '-' && letters_and_digits >= 2 && letters_and_digits <= 3;
}

bool PreferLatinReading(std::string_view original, float original_confidence,
                        std::string_view latin, float latin_confidence) {
  const std::u32string was = DecodeUtf8(TrimSpace(original));
  const std::u32string now = DecodeUtf8(TrimSpace(latin));
  if (now.empty() || latin_confidence < original_confidence - kLatinConfidenceSlack) return false;
  bool latin_only_letter = false;
  for (char32_t c : now) {
    // Latin letters, digits and ASCII punctuation only: the Latin engine knows nothing else,
    // and a space means it split the part into words.
    if (c >= 0x80 || c == U' ') return false;
    if (IsLatinLetter(c)) {
      const std::string cyrillic = ToCyrillicLookalikes(EncodeUtf8(std::u32string(1, c)));
      latin_only_letter |= DecodeUtf8(cyrillic)[0] == c;
    }
  }
  // Evidence of Latin: a letter no Cyrillic model could have given (N, D, ...).
  if (!latin_only_letter) return false;
  const auto length_gap = static_cast<long>(now.size()) - static_cast<long>(was.size());
  if (length_gap < -1 || length_gap > 1) return false;
  if (Punctuation(now) != Punctuation(was)) return false;
  // Same glyphs in the other script ("ТОВ"/"TOB"): nothing says it is Latin.
  return DecodeUtf8(ToLatinLookalikes(EncodeUtf8(was))) != now;
}

std::vector<WordPart> SplitAtHyphens(std::string_view word) {
  std::vector<WordPart> parts;
  size_t begin = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '-' && i + 1 < word.size()) {
      parts.push_back({begin, i + 1});
      begin = i + 1;
    }
  }
  if (begin < word.size()) parts.push_back({begin, word.size()});
  return parts;
}

}  // namespace intake::ocr
