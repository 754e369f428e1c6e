#include "ocr/lookalike.h"

#include <array>
#include <utility>

namespace intake::ocr {
namespace {

// Pairs (Latin, Cyrillic) that print alike in the fonts of Ukrainian forms.
constexpr std::array<std::pair<char32_t, char32_t>, 21> kLookalikes = {{
    {U'A', U'А'}, {U'B', U'В'}, {U'C', U'С'}, {U'E', U'Е'}, {U'I', U'І'}, {U'K', U'К'},
    {U'M', U'М'}, {U'H', U'Н'}, {U'O', U'О'}, {U'P', U'Р'}, {U'T', U'Т'}, {U'X', U'Х'},
    {U'Y', U'У'}, {U'a', U'а'}, {U'c', U'с'}, {U'e', U'е'}, {U'i', U'і'}, {U'o', U'о'},
    {U'p', U'р'}, {U'x', U'х'}, {U'y', U'у'},
}};

bool IsApostrophe(char32_t c) {
  return c == U'\u02BC' || c == U'\u2019' || c == U'\u2018' || c == U'\'' || c == U'`' ||
         c == U'\u00B4' || c == U'\u02B9';
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

template <typename F>
std::string MapChars(std::string_view text, F f) {
  std::u32string s = DecodeUtf8(text);
  for (auto& c : s) c = f(c);
  return EncodeUtf8(s);
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const unsigned char cb = static_cast<unsigned char>(text[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    out.push_back(ok ? c : U'\uFFFD');
    i += ok ? len : 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

std::string NormalizeApostrophes(std::string_view text) {
  return MapChars(text, [](char32_t c) { return IsApostrophe(c) ? U'\'' : c; });
}

std::string ToCyrillicLookalikes(std::string_view text) {
  return MapChars(text, [](char32_t c) {
    for (const auto& [latin, cyrillic] : kLookalikes) {
      if (c == latin) return cyrillic;
    }
    return c;
  });
}

std::string ToLatinLookalikes(std::string_view text) {
  return MapChars(text, [](char32_t c) {
    for (const auto& [latin, cyrillic] : kLookalikes) {
      if (c == cyrillic) return latin;
    }
    return c;
  });
}

std::string DigitLookalikes(std::string_view text) {
  return MapChars(text, [](char32_t c) -> char32_t {
    switch (c) {
      case U'О': case U'O': case U'о': case U'o': case U'Q': case U'D': return U'0';
      case U'І': case U'I': case U'l': case U'|': case U'і': case U'!': return U'1';
      case U'З': case U'з': return U'3';
      case U'Б': case U'б': case U'b': return U'6';
      case U'S': case U's': return U'5';
      case U'B': case U'В': return U'8';
      case U'Z': return U'2';
      default: return c;
    }
  });
}

bool HasLatinTwin(char32_t c) {
  for (const auto& pair : kLookalikes) {
    if (c == pair.second) return true;
  }
  return false;
}

bool IsCyrillicLetter(char32_t c) { return c >= U'\u0400' && c <= U'\u04FF'; }

bool IsLatinLetter(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

char32_t ToLowerLetter(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= U'А' && c <= U'Я') return c + 32;
  if (c >= U'Ѐ' && c <= U'Џ') return c + 80;  // Ѐ..Џ incl. Є І Ї
  if (c == U'Ґ') return U'ґ';
  return c;
}

char32_t ToUpperLetter(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 32;
  if (c >= U'а' && c <= U'я') return c - 32;
  if (c >= U'ѐ' && c <= U'џ') return c - 80;
  if (c == U'ґ') return U'Ґ';
  return c;
}

std::string FoldForMatching(std::string_view text) {
  std::u32string in = DecodeUtf8(ToCyrillicLookalikes(text));
  std::u32string out;
  bool pending_space = false;
  for (char32_t c : in) {
    const char32_t lower = ToLowerLetter(c);
    const bool letter_or_digit = (lower >= U'a' && lower <= U'z') || (lower >= U'0' && lower <= U'9') ||
                                 (lower >= U'а' && lower <= U'џ') || lower == U'ґ';
    if (letter_or_digit) {
      if (pending_space && !out.empty()) out.push_back(U' ');
      pending_space = false;
      out.push_back(lower);
    } else if (c == U' ' || c == U'\t' || c == U'\n') {
      pending_space = true;
    }
    // apostrophes and punctuation are dropped
  }
  return EncodeUtf8(out);
}

}  // namespace intake::ocr
