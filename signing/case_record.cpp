#include "signing/case_record.h"

#include <cctype>

#include "core/case_record.h"

namespace intake::signing {

bool IsValidCaseId(std::string_view id) {
  auto digits = [](std::string_view s) {
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  size_t first = id.find('-');
  size_t last = id.rfind('-');
  if (first != 8 || last == first || id.size() - last - 1 != 4) return false;
  std::string_view ws = id.substr(first + 1, last - first - 1);
  if (ws.empty() || ws.size() > 16) return false;
  for (char c : ws) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return digits(id.substr(0, 8)) && digits(id.substr(last + 1));
}

Result<CaseSummary> ParseCaseJson(std::string_view json) {
  // core's CaseRecord is the one parser of case.json; this keeps what sealing needs.
  Result<CaseRecord> record = ParseCaseRecord(std::string(json));
  if (!record.ok()) return InvalidArgument(record.status().message());
  CaseSummary c;
  c.case_id = record->case_id;
  c.workstation = record->workstation;
  c.back_office = record->back_office;
  c.service = record->service;
  if (c.case_id.empty()) return InvalidArgument("case.json has no 'case_id'");
  if (!IsValidCaseId(c.case_id)) {
    return InvalidArgument("case.json: case_id '" + c.case_id +
                           "' is not of the form YYYYMMDD-<workstation>-NNNN");
  }
  return c;
}

}  // namespace intake::signing
