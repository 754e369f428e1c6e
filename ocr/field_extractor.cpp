#include "ocr/field_extractor.h"

#include <algorithm>
#include <map>
#include <optional>

#include "ocr/lookalike.h"
#include "ocr/validator.h"

namespace intake::ocr {
namespace {

enum class Kind { kName, kDate, kRnokpp, kDocument, kUnzr, kPhone, kAddress, kIban };

struct FieldSpec {
  const char* name;
  Kind kind;
  std::vector<std::string> labels;  // alternatives, as printed on forms
};

const std::vector<FieldSpec>& Specs() {
  static const std::vector<FieldSpec> kSpecs = {
      {"surname", Kind::kName, {"Прізвище"}},
      {"given_name", Kind::kName, {"Ім'я", "Імя"}},
      {"patronymic", Kind::kName, {"По батькові"}},
      {"birth_date", Kind::kDate, {"Дата народження"}},
      {"rnokpp", Kind::kRnokpp,
       {"РНОКПП", "Ідентифікаційний номер", "Реєстраційний номер облікової картки",
        "ІПН", "Податковий номер"}},
      {"id_card", Kind::kDocument, {"Паспорт", "ID-картка", "Номер документа"}},
      {"unzr", Kind::kUnzr, {"УНЗР", "Запис №", "Унікальний номер запису"}},
      {"address", Kind::kAddress,
       {"Адреса", "Місце проживання", "Адреса проживання", "Зареєстроване місце проживання"}},
      {"phone", Kind::kPhone, {"Телефон", "Тел", "Номер телефону"}},
      {"iban", Kind::kIban, {"IBAN", "Рахунок IBAN"}},
  };
  return kSpecs;
}

struct Token {
  std::string text;
  std::string folded;  // FoldForMatching
  float confidence = 100;
};

using Line = std::vector<Token>;

std::string Squeeze(const std::string& folded) {
  std::string out;
  for (char c : folded) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

int AllowedEdits(size_t letters) { return letters <= 3 ? 0 : letters <= 6 ? 1 : 2; }

// Tokens that are what is left of "№" after OCR, or punctuation only. Skipped only before
// numbers: "м." and "с." begin addresses.
bool IsNumberSignResidue(const Token& t) {
  static const char* kResidue[] = {"", "мо", "no", "ne", "n", "ио", "nо", "мe", "не", "но"};
  for (const char* r : kResidue) {
    if (t.folded == r) return true;
  }
  return false;
}

// Number of leading tokens of `line` that read as one of the spec's labels (0: none). The
// closest reading wins, and the shorter one on a tie, so "Адреса: с." stays "Адреса".
size_t MatchLabel(const Line& line, const FieldSpec& spec) {
  size_t best = 0;
  int best_distance = 1 << 20;
  for (const auto& label : spec.labels) {
    const std::string want = Squeeze(FoldForMatching(label));
    const int allowed = AllowedEdits(DecodeUtf8(want).size());
    std::string joined;
    for (size_t k = 0; k < line.size() && k < 5; ++k) {
      joined += Squeeze(line[k].folded);
      if (joined.size() > want.size() * 2 + 8) break;
      const int d = EditDistance(joined, want);
      if (d <= allowed && (d < best_distance || (d == best_distance && k + 1 < best))) {
        best = k + 1;
        best_distance = d;
      }
      if (line[k].text.find(':') != std::string::npos) break;  // the label ends at its colon
    }
  }
  return best;
}

struct Candidate {
  std::string raw;       // joined value tokens as read
  float confidence = 0;  // 0..1
};

// The value tokens after the label: label residue up to a colon in the first few tokens and
// "№" residue are skipped.
std::vector<Token> ValueTokens(const Line& line, size_t label_tokens, bool number) {
  size_t start = label_tokens;
  // A colon ends the label: it may sit in a later token ("(ID-картка) №:").
  const bool label_has_colon =
      label_tokens > 0 && line[label_tokens - 1].text.find(':') != std::string::npos;
  if (!label_has_colon) {
    for (size_t k = label_tokens; k < line.size() && k < label_tokens + 3; ++k) {
      const std::string& t = line[k].text;
      if (!t.empty() && t.back() == ':') {
        start = k + 1;
        break;
      }
    }
  }
  std::vector<Token> out;
  for (size_t k = start; k < line.size(); ++k) {
    if (out.empty() && number && IsNumberSignResidue(line[k])) continue;
    if (out.empty() && line[k].text == ":") continue;
    out.push_back(line[k]);
  }
  if (!out.empty() && !out.front().text.empty() && out.front().text[0] == ':') {
    out.front().text.erase(0, 1);
  }
  return out;
}

bool IsDigitish(const std::string& text, bool allow_plus) {
  const std::string d = DigitLookalikes(text);
  int digits = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    const char c = d[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '-' || c == '.' || c == '(' || c == ')' || (allow_plus && c == '+')) {
      continue;
    } else {
      return false;
    }
  }
  return digits > 0;
}

Candidate Join(const std::vector<Token>& tokens, size_t from, size_t to, const char* sep) {
  Candidate c;
  float sum = 0;
  for (size_t i = from; i < to; ++i) {
    if (i > from) c.raw += sep;
    c.raw += tokens[i].text;
    sum += tokens[i].confidence;
  }
  c.confidence = to > from ? sum / static_cast<float>(to - from) / 100.0f : 0;
  return c;
}

// The value of one field from its tokens, by the field's kind.
std::optional<Candidate> CutValue(Kind kind, const std::vector<Token>& tokens) {
  if (tokens.empty()) return std::nullopt;
  switch (kind) {
    case Kind::kName:
    case Kind::kAddress:
      return Join(tokens, 0, tokens.size(), " ");
    case Kind::kIban: {
      // "UA39 3704 5052 ..." or one run; starts at the first token beginning with U/У.
      size_t from = 0;
      while (from < tokens.size()) {
        const std::string latin = ToLatinLookalikes(tokens[from].text);
        if (!latin.empty() && (latin[0] == 'U' || latin[0] == 'u')) break;
        ++from;
      }
      if (from == tokens.size()) from = 0;
      return Join(tokens, from, tokens.size(), "");
    }
    default: {
      // Numbers: the first run of digit-like tokens (OCR may split a number in groups).
      const bool plus = kind == Kind::kPhone;
      size_t from = 0;
      while (from < tokens.size() && !IsDigitish(tokens[from].text, plus)) ++from;
      if (from == tokens.size()) return Join(tokens, 0, tokens.size(), " ");
      // A booklet passport's two-letter series ("КВ 123456") belongs to the number.
      if (kind == Kind::kDocument && from > 0 && from < tokens.size() &&
          DecodeUtf8(tokens[from - 1].text).size() == 2) {
        --from;
      }
      size_t to = from;
      if (!IsDigitish(tokens[to].text, plus)) ++to;  // the passport series
      while (to < tokens.size() && IsDigitish(tokens[to].text, plus)) ++to;
      return Join(tokens, from, to, "");
    }
  }
}

std::vector<FieldResult> Extract(const std::vector<Line>& lines) {
  std::map<std::string, FieldResult> found;
  for (const auto& line : lines) {
    if (line.empty()) continue;
    for (const auto& spec : Specs()) {
      if (found.count(spec.name)) continue;
      const size_t label_tokens = MatchLabel(line, spec);
      if (label_tokens == 0) continue;
      const std::optional<Candidate> value = CutValue(
          spec.kind, ValueTokens(line, label_tokens,
                                 spec.kind != Kind::kName && spec.kind != Kind::kAddress));
      if (!value || value->raw.empty()) continue;
      FieldResult f;
      f.name = spec.name;
      f.value = value->raw;
      f.confidence = value->confidence;
      found[spec.name] = std::move(f);
      break;  // one field per line
    }
  }
  // Validate, with the cross-checks that need other fields.
  std::optional<Date> birth;
  if (auto it = found.find("birth_date"); it != found.end()) birth = ParseDate(it->second.value);
  std::optional<bool> male;
  if (auto it = found.find("patronymic"); it != found.end()) {
    male = MaleFromPatronymic(it->second.value);
  }
  std::vector<FieldResult> out;
  for (const auto& spec : Specs()) {
    auto it = found.find(spec.name);
    if (it == found.end()) continue;
    FieldResult f = it->second;
    Validation v;
    std::string name = f.name;
    switch (spec.kind) {
      case Kind::kName: v = ValidatePersonName(f.value); break;
      case Kind::kDate: v = ValidateDate(f.value); break;
      case Kind::kRnokpp: v = ValidateRnokpp(f.value, birth, male); break;
      case Kind::kDocument: {
        v = ValidateIdCardNumber(f.value);
        const Validation booklet = ValidateBookletPassport(f.value);
        if (!v.valid && booklet.valid) {
          v = booklet;
          name = "passport";
        }
        break;
      }
      case Kind::kUnzr: v = ValidateUnzr(f.value, birth); break;
      case Kind::kPhone: v = ValidatePhone(f.value); break;
      case Kind::kAddress: v = ValidateAddress(f.value); break;
      case Kind::kIban: v = ValidateIban(f.value); break;
    }
    f.name = name;
    f.valid = v.valid;
    f.reason = v.reason;
    if (spec.kind == Kind::kName || spec.kind == Kind::kAddress) {
      f.value = ToCyrillicLookalikes(f.value);
    } else if (!v.canonical.empty()) {
      f.value = v.canonical;
    }
    if (!f.valid) f.confidence *= 0.5f;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  const std::u32string x = DecodeUtf8(a), y = DecodeUtf8(b);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

bool LabelMatches(std::string_view candidate, std::string_view label) {
  const std::string c = Squeeze(FoldForMatching(candidate));
  const std::string l = Squeeze(FoldForMatching(label));
  if (c.empty() || l.empty()) return false;
  const size_t letters = DecodeUtf8(l).size();
  return EditDistance(c, l) <= AllowedEdits(letters);
}

std::vector<FieldResult> ExtractFields(const std::vector<OcrWord>& words) {
  std::vector<Line> lines;
  int current = -1;
  for (const auto& w : words) {
    if (w.line != current || lines.empty()) {
      lines.emplace_back();
      current = w.line;
    }
    lines.back().push_back(Token{w.text, FoldForMatching(w.text), w.confidence});
  }
  return Extract(lines);
}

std::vector<FieldResult> ExtractFieldsFromText(std::string_view text) {
  std::vector<Line> lines(1);
  std::string word;
  auto flush = [&] {
    if (!word.empty()) lines.back().push_back(Token{word, FoldForMatching(word), 100});
    word.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
      lines.emplace_back();
    } else if (c == ' ' || c == '\t') {
      flush();
    } else {
      word.push_back(c);
    }
  }
  flush();
  return Extract(lines);
}

}  // namespace intake::ocr
