#include "paper/case_record.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace intake::paper {
namespace {

// The first UTF-8 code point of s (1-4 bytes), or "" for an empty string.
std::string FirstCodePoint(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  unsigned char c = static_cast<unsigned char>(s[b]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return s.substr(b, len);
}

std::string StringOr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string InitialsOf(const std::string& surname, const std::string& given_name,
                       const std::string& patronymic) {
  std::string out;
  for (const auto* part : {&surname, &given_name, &patronymic}) {
    std::string first = FirstCodePoint(*part);
    if (first.empty()) continue;
    if (!out.empty()) out += ' ';
    out += first + ".";
  }
  return out;
}

Result<CaseIntake> ParseCaseIntake(const std::string& case_json) {
  CaseIntake intake;
  try {
    auto j = nlohmann::json::parse(case_json);
    intake.case_id = j.at("case_id").get<std::string>();
    intake.back_office = StringOr(j, "back_office");
    intake.actor = StringOr(j, "operator");
    intake.place = StringOr(j, "workstation");
    if (auto a = j.find("applicant"); a != j.end() && a->is_object()) {
      intake.initials = InitialsOf(StringOr(*a, "surname"), StringOr(*a, "given_name"),
                                   StringOr(*a, "patronymic"));
    }
    std::map<std::string, std::string> classes;
    if (auto docs = j.find("documents"); docs != j.end() && docs->is_array()) {
      for (const auto& d : *docs) classes[StringOr(d, "id")] = StringOr(d, "class");
    }
    if (auto items = j.find("paper_items"); items != j.end() && !items->is_null()) {
      for (const auto& i : *items) {
        PaperItemSpec spec;
        spec.item_id = i.at("item_id").get<std::string>();
        spec.document = StringOr(i, "document");
        spec.document_class = classes.count(spec.document) ? classes[spec.document]
                                                           : StringOr(i, "class");
        INTAKE_ASSIGN_OR_RETURN(spec.kind, ParseKind(i.value("kind", std::string("original"))));
        spec.sheets = i.value("sheets", 1);
        intake.items.push_back(std::move(spec));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("case.json: ") + e.what());
  }
  if (!IsValidCaseId(intake.case_id)) {
    return InvalidArgument("case.json: case id '" + intake.case_id + "' is not YYYYMMDD-WS-NNNN");
  }
  for (const auto& item : intake.items) {
    if (!IsValidItemId(item.item_id) || item.item_id.rfind(intake.case_id + "-", 0) != 0) {
      return InvalidArgument("case.json: paper item '" + item.item_id + "' is not " +
                             intake.case_id + "-<n>");
    }
    if (item.sheets < 1) {
      return InvalidArgument("case.json: paper item " + item.item_id + " has no sheets");
    }
  }
  return intake;
}

Result<CaseIntake> ReadCaseIntake(const std::filesystem::path& case_dir) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(case_dir / "case.json"));
  auto intake = ParseCaseIntake(text);
  if (!intake.ok()) return intake.status().WithContext(case_dir.string());
  intake->case_dir = case_dir.string();
  return intake;
}

}  // namespace intake::paper
