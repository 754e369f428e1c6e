#include "ocr/doc_classifier.h"

#include <algorithm>
#include <array>

#include "ocr/lookalike.h"

namespace intake::ocr {
namespace {

struct Cue {
  const char* phrase;  // matched on folded text
  float weight;
};

struct ClassCues {
  const char* doc_type;
  std::vector<Cue> cues;
};

// Headings weigh most: a page is what its title says; body phrases break ties.
const std::vector<ClassCues>& AllCues() {
  static const std::vector<ClassCues> kCues = {
      {kDocApplicationForm,
       {{"заява", 3}, {"прошу призначити", 3}, {"прошу надати", 2}, {"призначення допомоги", 2},
        {"достовірність наведених", 1}, {"даю згоду на обробку", 1}, {"підпис", 0.5f}}},
      {kDocPassport,
       {{"паспорт громадянина україни", 4}, {"passport", 2}, {"ідентифікаційна картка", 3},
        {"identity card", 3}, {"орган що видав", 2}, {"дата закінчення строку", 2},
        {"громадянство", 1}, {"ukraine", 1}}},
      {kDocRnokppCard,
       {{"картки платника податків", 4}, {"облікової картки платника", 3},
        {"державна податкова служба", 2}, {"державний реєстр фізичних осіб", 2},
        {"платників податків", 1}}},
      {kDocBirthCertificate,
       {{"свідоцтво про народження", 4}, {"актовий запис", 2}, {"місце народження", 1},
        {"батьки", 1}, {"мати", 0.5f}, {"батько", 0.5f}}},
      {kDocIncomeDeclaration,
       {{"декларація про доходи", 4}, {"майновий стан", 3}, {"декларація", 2},
        {"доходи", 1}, {"склад сімї", 1}, {"земельна ділянка", 1}}},
      {kDocIdpCertificate,
       {{"внутрішньо переміщеної особи", 4}, {"взяття на облік", 2}, {"переміщеної", 2},
        {"фактичне місце проживання", 1}}},
  };
  return kCues;
}

}  // namespace

DocClass ClassifyDocument(std::string_view text, const std::vector<FieldResult>& fields) {
  const std::string folded = " " + FoldForMatching(text) + " ";
  std::vector<std::pair<float, const char*>> scores;
  for (const auto& cls : AllCues()) {
    float score = 0;
    for (const auto& cue : cls.cues) {
      if (folded.find(FoldForMatching(cue.phrase)) != std::string::npos) score += cue.weight;
    }
    scores.emplace_back(score, cls.doc_type);
  }
  // Filled personal fields are what an application form has; a form with the applicant's
  // fields but a lost heading still classifies.
  int personal_fields = 0;
  for (const auto& f : fields) {
    if (f.name == "surname" || f.name == "given_name" || f.name == "rnokpp" || f.name == "iban" ||
        f.name == "phone" || f.name == "address") {
      ++personal_fields;
    }
  }
  scores[0].first += 0.5f * static_cast<float>(std::min(personal_fields, 6));
  std::sort(scores.begin(), scores.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  DocClass result;
  const float best = scores[0].first, second = scores[1].first;
  if (best < 2.0f) {
    // Too little evidence for any class.
    result.confidence = std::clamp(1.0f - best / 2.0f, 0.3f, 0.9f);
    return result;
  }
  result.doc_type = scores[0].second;
  // Evidence both absolute (how much was found) and relative (how far ahead of the next).
  const float strength = std::min(1.0f, best / 6.0f);
  const float margin = (best - second) / best;
  result.confidence = std::clamp(0.5f * strength + 0.5f * margin, 0.0f, 1.0f);
  return result;
}

}  // namespace intake::ocr
