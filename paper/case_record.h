// The paper side of a case (docs/case-layout.md): the paper items, the receiving back office,
// and the applicant's initials for the cover sheet, taken from core's CaseRecord (the one
// parser of case.json, core/case_record.h). Only initials leave these functions — never the
// full name.
//
// Thread safety: pure.
#pragma once

#include <filesystem>
#include <string>

#include "core/case_record.h"
#include "core/status.h"
#include "paper/paper_types.h"

namespace intake::paper {

// case_dir/case.json → CaseIntake (case_dir is recorded so the folder can be purged later).
// kNotFound without case.json; kCorrupt for malformed JSON or paper_items; kInvalidArgument for
// an item that does not match the case (bad item id, sheets < 1, kind not original/copy).
Result<CaseIntake> ReadCaseIntake(const std::filesystem::path& case_dir);

// Same, from the text of a case.json (case_dir left empty).
Result<CaseIntake> ParseCaseIntake(const std::string& case_json);

// From a CaseRecord the caller already holds (case_dir left empty); the same checks.
Result<CaseIntake> CaseIntakeFromRecord(const CaseRecord& record);

// "Шевченко", "Тарас", "Григорович" → "Ш. Т. Г." (the first letter of each non-empty part).
std::string InitialsOf(const std::string& surname, const std::string& given_name,
                       const std::string& patronymic);

}  // namespace intake::paper
