#include "ocr/reading_corrections.h"

#include <cctype>
#include <string_view>

#include "core/html_escape.h"

namespace intake::ocr {

std::string ReplaceWordsInText(const std::string& text, const std::vector<std::string>& before,
                               const std::vector<std::string>& after) {
  std::string out = text;
  size_t cursor = 0;
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
    const std::string& word = before[i];
    if (word.empty()) continue;
    size_t at = cursor;
    while (at < out.size() && std::isspace(static_cast<unsigned char>(out[at]))) ++at;
    if (out.compare(at, word.size(), word) != 0) {
      // Out of step (the text dropped or split a word): the next whole-word occurrence.
      at = out.find(word, cursor);
      while (at != std::string::npos &&
             ((at > 0 && !std::isspace(static_cast<unsigned char>(out[at - 1]))) ||
              (at + word.size() < out.size() &&
               !std::isspace(static_cast<unsigned char>(out[at + word.size()]))))) {
        at = out.find(word, at + 1);
      }
      if (at == std::string::npos) continue;
    }
    if (word != after[i]) out.replace(at, word.size(), after[i]);
    cursor = at + after[i].size();
  }
  return out;
}

std::string ReplaceWordsInHocr(const std::string& hocr, const std::vector<std::string>& before,
                               const std::vector<std::string>& after) {
  static constexpr std::string_view kWordSpan = "class='ocrx_word'";
  static constexpr std::string_view kSpanEnd = "</span>";
  std::string out;
  out.reserve(hocr.size());
  size_t copied = 0, next_word = 0;
  for (size_t at = hocr.find(kWordSpan); at != std::string::npos && next_word < before.size();
       at = hocr.find(kWordSpan, at + kWordSpan.size())) {
    const size_t open_end = hocr.find('>', at);
    if (open_end == std::string::npos) break;
    const size_t content = open_end + 1;
    const size_t close = hocr.find(kSpanEnd, content);
    if (close == std::string::npos) break;
    const std::string_view shown(hocr.data() + content, close - content);
    // The span's word, or the one after it when the engine's words skipped one of its own.
    size_t match = before.size();
    for (size_t k = next_word; k < before.size() && k < next_word + 2; ++k) {
      if (HtmlEscape(before[k]) == shown) {
        match = k;
        break;
      }
    }
    if (match == before.size()) continue;
    next_word = match + 1;
    if (before[match] == after[match]) continue;
    out.append(hocr, copied, content - copied);
    out += HtmlEscape(after[match]);
    copied = close;
  }
  out.append(hocr, copied, std::string::npos);
  return out;
}

}  // namespace intake::ocr
