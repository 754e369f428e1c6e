#include "ocr/hocr_words.h"

#include <cstdio>

namespace intake::ocr {
namespace {

// "bbox x0 y0 x1 y1" inside a title attribute value.
bool ParseBbox(std::string_view title, int* x0, int* y0, int* x1, int* y1) {
  const size_t at = title.find("bbox ");
  if (at == std::string_view::npos) return false;
  const std::string rest(title.substr(at + 5, 64));
  return std::sscanf(rest.c_str(), "%d %d %d %d", x0, y0, x1, y1) == 4;
}

// The title attribute of the tag that starts at `tag` (quoted with ' or ").
std::string_view TitleOf(std::string_view tag) {
  const size_t at = tag.find("title=");
  if (at == std::string_view::npos || at + 7 > tag.size()) return {};
  const char quote = tag[at + 6];
  const size_t end = tag.find(quote, at + 7);
  if (end == std::string_view::npos) return {};
  return tag.substr(at + 7, end - at - 7);
}

std::string DecodeEntities(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&lt;", '<'},   {"&gt;", '>'},   {"&amp;", '&'},
      {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool decoded = false;
    if (s[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (s.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size();
          decoded = true;
          break;
        }
      }
    }
    if (!decoded) out.push_back(s[i++]);
  }
  return out;
}

// Text of an element's content, tags (<strong>, <em>) removed.
std::string StripTags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out.push_back(c);
  }
  return out;
}

}  // namespace

HocrPage ParseHocrPage(std::string_view hocr) {
  HocrPage page;
  if (const size_t at = hocr.find("class='ocr_page'"); at != std::string_view::npos) {
    const size_t end = hocr.find('>', at);
    int x0, y0, x1, y1;
    if (end != std::string_view::npos &&
        ParseBbox(TitleOf(hocr.substr(at, end - at)), &x0, &y0, &x1, &y1)) {
      page.width = x1;
      page.height = y1;
    }
  }
  // The tags in document order: a text line's attributes apply to the words after it.
  struct Line {
    int left = 0, bottom = 0;
    double slope = 0, offset = 0, size = 0;
  } line;
  static constexpr std::string_view kClass = "<span class='";
  for (size_t at = hocr.find(kClass); at != std::string_view::npos;
       at = hocr.find(kClass, at + kClass.size())) {
    const size_t open_end = hocr.find('>', at);
    if (open_end == std::string_view::npos) break;
    const std::string_view tag = hocr.substr(at, open_end - at);
    const std::string_view cls =
        tag.substr(kClass.size(), tag.find('\'', kClass.size()) - kClass.size());
    const std::string_view title = TitleOf(tag);
    int x0, y0, x1, y1;
    if (cls == "ocr_line" || cls == "ocr_header" || cls == "ocr_caption" ||
        cls == "ocr_textfloat") {
      line = Line{};
      if (!ParseBbox(title, &x0, &y0, &x1, &y1)) continue;
      line.left = x0;
      line.bottom = y1;
      // "baseline m c": y = bottom + c + m (x - left); "x_size s": the line's size.
      if (const size_t b = title.find("baseline "); b != std::string_view::npos) {
        std::sscanf(std::string(title.substr(b + 9, 48)).c_str(), "%lf %lf", &line.slope,
                    &line.offset);
      }
      if (const size_t x = title.find("x_size "); x != std::string_view::npos) {
        std::sscanf(std::string(title.substr(x + 7, 24)).c_str(), "%lf", &line.size);
      }
      continue;
    }
    if (cls != "ocrx_word") continue;
    const size_t close = hocr.find("</span>", open_end);
    if (close == std::string_view::npos) break;
    HocrWord word;
    if (!ParseBbox(title, &word.left, &word.top, &word.right, &word.bottom)) continue;
    word.text = DecodeEntities(StripTags(hocr.substr(open_end + 1, close - open_end - 1)));
    if (word.text.find_first_not_of(" \t\n") == std::string::npos) continue;
    if (line.size > 0) {
      word.baseline = line.bottom + line.offset + line.slope * (word.left - line.left);
      word.line_size = line.size;
    }
    page.words.push_back(std::move(word));
  }
  return page;
}

}  // namespace intake::ocr
