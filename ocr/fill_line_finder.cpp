#include "ocr/fill_line_finder.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace intake::ocr {
namespace {

// Ink: darker than the middle of the 8-bit range (the page is cleaned: paper near white).
constexpr int kInkBelow = 128;

int Utf8Length(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

double Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

struct Run {
  int x0, x1;  // [x0, x1)
  int y0, y1;  // rows holding the run, [y0, y1)
};

// Long horizontal ink runs in the rows [top, bottom) of `gray`, from x = `from` on, merged
// over neighbouring rows into strokes.
std::vector<Run> LongStrokes(const cv::Mat& gray, int top, int bottom, int from, int min_length) {
  std::vector<Run> strokes;
  for (int y = std::max(0, top); y < std::min(gray.rows, bottom); ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    int x = std::max(0, from);
    while (x < gray.cols) {
      if (row[x] >= kInkBelow) { ++x; continue; }
      const int start = x;
      // A one-pixel break (noise, JPEG) does not end a printed rule.
      while (x < gray.cols && (row[x] < kInkBelow ||
                               (x + 1 < gray.cols && row[x + 1] < kInkBelow))) ++x;
      if (x - start < min_length) continue;
      bool merged = false;
      for (Run& s : strokes) {
        if (s.y1 >= y && std::min(s.x1, x) - std::max(s.x0, start) > min_length / 2) {
          s.x0 = std::min(s.x0, start);
          s.x1 = std::max(s.x1, x);
          s.y1 = y + 1;
          merged = true;
          break;
        }
      }
      if (!merged) strokes.push_back(Run{start, x, y, y + 1});
    }
  }
  return strokes;
}

// Line -> indices of its words, in reading order. Words without a visible character are
// left out: Tesseract returns a rule as a "word" " " that is not in the page text.
std::map<int, std::vector<int>> WordsByLine(const std::vector<OcrWord>& words) {
  std::map<int, std::vector<int>> lines;
  for (int i = 0; i < static_cast<int>(words.size()); ++i) {
    if (words[i].text.find_first_not_of(" \t") == std::string::npos) continue;
    lines[words[i].line].push_back(i);
  }
  return lines;
}

}  // namespace

std::vector<FillLine> FindFillLines(const cv::Mat& gray, const std::vector<OcrWord>& words) {
  std::vector<FillLine> found;
  if (gray.empty() || gray.type() != CV_8UC1) return found;
  const std::map<int, std::vector<int>> lines = WordsByLine(words);

  for (const auto& [line, members] : lines) {
    std::vector<int> heights, bottoms;
    double width_sum = 0;
    int chars = 0;
    for (int i : members) {
      const OcrWord& w = words[i];
      heights.push_back(w.bottom - w.top);
      bottoms.push_back(w.bottom);
      width_sum += w.right - w.left;
      chars += Utf8Length(w.text);
    }
    const double h = Median(heights);
    if (h < 4 || chars == 0) continue;
    const double baseline = Median(bottoms);
    const double pitch = width_sum / chars;
    const int max_thickness = std::max(2, static_cast<int>(std::lround(h / 5)));
    const int min_length = static_cast<int>(std::lround(2 * h));
    const int top = static_cast<int>(std::lround(baseline - 0.35 * h));
    const int bottom = static_cast<int>(std::lround(baseline + 0.35 * h));
    int leftmost = gray.cols;
    for (int i : members) leftmost = std::min(leftmost, words[i].left);

    for (const Run& s : LongStrokes(gray, top, bottom, leftmost, min_length)) {
      if (s.y1 - s.y0 > max_thickness) continue;
      // Overlapping a word: an underline or strike-through of text, not a blank to fill.
      bool overlaps = false;
      int after = -1;
      for (int i : members) {
        const OcrWord& w = words[i];
        if (std::min(s.x1, w.right) - std::max(s.x0, w.left) > 0 && w.bottom > s.y0 - h &&
            w.top < s.y1) {
          overlaps = true;
        }
        if (w.right <= s.x0 && (after < 0 || w.right > words[after].right)) after = i;
      }
      if (overlaps || after < 0 || s.x0 - words[after].right > 1.5 * h) continue;
      FillLine fill;
      fill.line = line;
      fill.after_word = after;
      fill.underscores = std::max(1, static_cast<int>(std::lround((s.x1 - s.x0) / pitch)));
      fill.box = cv::Rect(s.x0, s.y0, s.x1 - s.x0, s.y1 - s.y0);
      found.push_back(fill);
    }
  }
  return found;
}

std::string InsertFillLines(const std::string& text, const std::vector<OcrWord>& words,
                            const std::vector<FillLine>& fill_lines) {
  if (fill_lines.empty()) return text;
  const std::map<int, std::vector<int>> lines = WordsByLine(words);
  // Text lines of the page, in order; blank lines separate paragraphs and blocks.
  std::vector<std::string> out_lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      out_lines.push_back(text.substr(pos));
      break;
    }
    out_lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  // Each words line is matched to the next text line holding all its words in order (an
  // OCR "line" of only a rule may have no text line of its own).
  std::size_t next_text_line = 0;
  for (const auto& [line, members] : lines) {
    std::vector<const FillLine*> here;
    for (const FillLine& f : fill_lines)
      if (f.line == line) here.push_back(&f);
    for (std::size_t t = next_text_line; t < out_lines.size(); ++t) {
      std::string& line_text = out_lines[t];
      // Where each word of the line ends in the text.
      std::map<int, std::size_t> word_end;
      std::size_t at = 0;
      bool all_found = true;
      for (int i : members) {
        const std::size_t p = line_text.find(words[i].text, at);
        if (p == std::string::npos) {
          all_found = false;
          break;
        }
        at = p + words[i].text.size();
        word_end[i] = at;
      }
      if (!all_found) continue;
      next_text_line = t + 1;
      // Insert from the right so earlier offsets stay valid.
      std::sort(here.begin(), here.end(), [&](const FillLine* a, const FillLine* b) {
        return word_end[a->after_word] > word_end[b->after_word];
      });
      for (const FillLine* f : here) {
        line_text.insert(word_end[f->after_word], " " + std::string(f->underscores, '_'));
      }
      break;
    }
  }
  std::string joined;
  for (std::size_t i = 0; i < out_lines.size(); ++i) {
    if (i) joined += '\n';
    joined += out_lines[i];
  }
  return joined;
}

}  // namespace intake::ocr
