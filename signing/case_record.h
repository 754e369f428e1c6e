// The parts of a case folder's case.json (docs/case-layout.md) that sealing and verifying
// need, read through core's ParseCaseRecord (the one parser of case.json). Parsing never
// throws; the JSON may come from an untrusted package.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::signing {

struct CaseSummary {
  std::string case_id;      // "YYYYMMDD-<workstation>-<4 digits>"
  std::string workstation;  // may be empty when case.json does not say
  std::string back_office;  // may be empty
  std::string service;      // may be empty
};

// True for "YYYYMMDD-<1..16 ASCII letters/digits>-<4 digits>".
bool IsValidCaseId(std::string_view case_id);

// kInvalidArgument (naming the field) when case.json is not an object with a valid case_id.
Result<CaseSummary> ParseCaseJson(std::string_view json);

}  // namespace intake::signing
