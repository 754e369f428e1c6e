#include "signing/case_record.h"

#include <cctype>
#include <nlohmann/json.hpp>

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
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("case.json is not valid JSON");
  if (!j.is_object()) return InvalidArgument("case.json is not a JSON object");
  CaseSummary c;
  auto text = [&](const char* key, std::string* out) -> Status {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::Ok();
    if (!it->is_string()) return InvalidArgument(std::string("case.json: '") + key + "' is not a string");
    *out = it->get<std::string>();
    return Status::Ok();
  };
  INTAKE_RETURN_IF_ERROR(text("case_id", &c.case_id));
  INTAKE_RETURN_IF_ERROR(text("workstation", &c.workstation));
  INTAKE_RETURN_IF_ERROR(text("back_office", &c.back_office));
  INTAKE_RETURN_IF_ERROR(text("service", &c.service));
  if (c.case_id.empty()) return InvalidArgument("case.json has no 'case_id'");
  if (!IsValidCaseId(c.case_id)) {
    return InvalidArgument("case.json: case_id '" + c.case_id +
                           "' is not of the form YYYYMMDD-<workstation>-NNNN");
  }
  return c;
}

}  // namespace intake::signing
