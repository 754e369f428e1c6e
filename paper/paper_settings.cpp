#include "paper/paper_settings.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace intake::paper {

Result<PaperSettings> LoadPaperSettings(const std::filesystem::path& path) {
  PaperSettings s;
  if (!std::filesystem::exists(path)) {
    s.front_office = s.ledger.workstation;
    return s;
  }
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  std::string holidays_file;
  try {
    auto j = nlohmann::json::parse(text);
    s.ledger.workstation = j.value("workstation", s.ledger.workstation);
    s.front_office = j.value("front_office", s.ledger.workstation);
    s.ledger.deadlines.working_days = j.value("working_days", s.ledger.deadlines.working_days);
    s.ledger.deadlines.saturday_off = j.value("saturday_off", true);
    s.ledger.deadlines.sunday_off = j.value("sunday_off", true);
    s.ledger.retention_days = j.value("retention_days", s.ledger.retention_days);
    s.back_office = j.value("back_office", std::string());
    holidays_file = j.value("holidays_file", std::string());
    for (const char* moved : {"trusted_back_office_keys", "confirmation_key_file"}) {
      if (j.contains(moved)) {
        return InvalidArgument(path.string() + ": '" + moved +
                               "' is no longer a paper setting: paper confirmations are signed "
                               "with the back office's key store (intake-receiver --keys) and "
                               "verified with the back office this workstation trusts (intake "
                               "keys trust); remove the line");
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(path.string() + ": " + e.what());
  }
  if (s.ledger.deadlines.working_days < 1 || s.ledger.retention_days < 0) {
    return InvalidArgument(path.string() + ": working_days must be >= 1, retention_days >= 0");
  }
  if (!holidays_file.empty()) {
    INTAKE_ASSIGN_OR_RETURN(s.ledger.deadlines.holidays, LoadHolidays(holidays_file));
  }
  return s;
}

}  // namespace intake::paper
