#include "ocr/line_script.h"

#include <map>

#include "ocr/lookalike.h"

namespace intake::ocr {
namespace {

enum class Script { kNone, kCyrillic, kLatin };

// The script of `word` when all its letters are of one script and each has a twin in the
// other; kNone otherwise (no letter, mixed scripts, or a letter without a twin).
Script TwinOnlyScript(const std::string& word) {
  bool cyrillic = false, latin = false;
  for (char32_t c : DecodeUtf8(word)) {
    if (IsCyrillicLetter(c)) {
      if (!HasLatinTwin(c)) return Script::kNone;
      cyrillic = true;
    } else if (IsLatinLetter(c)) {
      const std::u32string twin =
          DecodeUtf8(ToCyrillicLookalikes(EncodeUtf8(std::u32string(1, c))));
      if (twin[0] == c) return Script::kNone;
      latin = true;
    }
  }
  if (cyrillic == latin) return Script::kNone;
  return cyrillic ? Script::kCyrillic : Script::kLatin;
}

}  // namespace

ScriptCounts CountScripts(const std::string& text) {
  ScriptCounts counts;
  for (char32_t c : DecodeUtf8(text)) {
    counts.cyrillic += IsCyrillicLetter(c);
    counts.latin += IsLatinLetter(c);
  }
  return counts;
}

int MatchWordsToLineScript(std::vector<OcrWord>& words) {
  std::map<int, ScriptCounts> lines;
  for (const auto& w : words) {
    const ScriptCounts c = CountScripts(w.text);
    lines[w.line].cyrillic += c.cyrillic;
    lines[w.line].latin += c.latin;
  }
  int changed = 0;
  for (auto& w : words) {
    const Script script = TwinOnlyScript(w.text);
    if (script == Script::kNone) continue;
    // The line without this word.
    const ScriptCounts own = CountScripts(w.text);
    const ScriptCounts& line = lines[w.line];
    const int cyrillic = line.cyrillic - own.cyrillic, latin = line.latin - own.latin;
    if (script == Script::kCyrillic && latin >= 2 * cyrillic && latin > 0) {
      w.text = ToLatinLookalikes(w.text);
      ++changed;
    } else if (script == Script::kLatin && cyrillic >= 2 * latin && cyrillic > 0) {
      w.text = ToCyrillicLookalikes(w.text);
      ++changed;
    }
  }
  return changed;
}

}  // namespace intake::ocr
