// Reads the paper side of a case folder's case.json (docs/case-layout.md): the paper items,
// the receiving back office, and the applicant's initials for the cover sheet. Only initials
// leave this function — never the full name.
//
// Thread safety: pure.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"
#include "paper/paper_types.h"

namespace intake::paper {

// case_dir/case.json → CaseIntake (case_dir is recorded so the folder can be purged later).
// kNotFound without case.json; kCorrupt for malformed JSON or paper_items; kInvalidArgument for
// an item that does not match the case (bad item id, sheets < 1, kind not original/copy).
Result<CaseIntake> ReadCaseIntake(const std::filesystem::path& case_dir);

// Same, from the text of a case.json (case_dir left empty).
Result<CaseIntake> ParseCaseIntake(const std::string& case_json);

// "Шевченко", "Тарас", "Григорович" → "Ш. Т. Г." (the first letter of each non-empty part).
std::string InitialsOf(const std::string& surname, const std::string& given_name,
                       const std::string& patronymic);

}  // namespace intake::paper
