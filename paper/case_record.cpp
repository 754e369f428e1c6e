#include "paper/case_record.h"

#include <map>

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

Result<CaseIntake> CaseIntakeFromRecord(const CaseRecord& record) {
  CaseIntake intake;
  intake.case_id = record.case_id;
  intake.back_office = record.back_office;
  intake.actor = record.operator_id;
  intake.place = record.workstation;
  auto field = [&](const char* name) {
    auto it = record.applicant.find(name);
    return it == record.applicant.end() ? std::string() : it->second;
  };
  intake.initials = InitialsOf(field("surname"), field("given_name"), field("patronymic"));
  std::map<std::string, std::string> classes;
  for (const auto& d : record.documents) classes[d.id] = d.doc_class;
  if (!IsValidCaseId(intake.case_id)) {
    return InvalidArgument("case.json: case id '" + intake.case_id + "' is not YYYYMMDD-WS-NNNN");
  }
  for (const auto& p : record.paper_items) {
    PaperItemSpec spec;
    spec.item_id = p.item_id;
    spec.document = p.document;
    auto cls = classes.find(p.document);
    spec.document_class = cls == classes.end() ? std::string() : cls->second;
    auto kind = ParseKind(p.kind);
    if (!kind.ok()) return kind.status().WithContext("case.json: paper item " + p.item_id);
    spec.kind = *kind;
    spec.sheets = p.sheets;
    if (!IsValidItemId(spec.item_id) || spec.item_id.rfind(intake.case_id + "-", 0) != 0) {
      return InvalidArgument("case.json: paper item '" + spec.item_id + "' is not " +
                             intake.case_id + "-<n>");
    }
    if (spec.sheets < 1) {
      return InvalidArgument("case.json: paper item " + spec.item_id + " has no sheets");
    }
    intake.items.push_back(std::move(spec));
  }
  return intake;
}

Result<CaseIntake> ParseCaseIntake(const std::string& case_json) {
  INTAKE_ASSIGN_OR_RETURN(CaseRecord record, ParseCaseRecord(case_json));
  return CaseIntakeFromRecord(record);
}

Result<CaseIntake> ReadCaseIntake(const std::filesystem::path& case_dir) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(case_dir / "case.json"));
  auto intake = ParseCaseIntake(text);
  if (!intake.ok()) return intake.status().WithContext(case_dir.string());
  intake->case_dir = case_dir.string();
  return intake;
}

}  // namespace intake::paper
