#include "workstation/daemon_status.h"

#include <nlohmann/json.hpp>

namespace intake {

using nlohmann::json;

std::string DaemonStatusToJson(const DaemonStatus& s) {
  json flagged = json::array();
  for (const auto& f : s.flagged) flagged.push_back({{"page", f.page}, {"reasons", f.reasons_uk}});
  json checked = json::array();
  for (const auto& c : s.checked) {
    json fields = json::array();
    for (const auto& f : c.fields) fields.push_back({{"name", f.name}, {"valid", f.valid}});
    checked.push_back({{"page", c.page}, {"blank", c.blank}, {"doc_type", c.doc_type},
                       {"needs_review", c.needs_review}, {"fields", fields}});
  }
  json open = json::array();
  for (const auto& o : s.open_cases) open.push_back({{"case_id", o.case_id}, {"pages", o.pages}});
  json queue = json::array();
  for (const auto& q : s.queue)
    queue.push_back({{"case_id", q.case_id}, {"state", q.state}, {"attempts", q.attempts},
                     {"last_error", q.last_error}});
  json overdue = json::array();
  for (const auto& o : s.overdue)
    overdue.push_back({{"item_id", o.item_id}, {"case_id", o.case_id}, {"stage", o.stage},
                       {"due_date", o.due_date}, {"working_days_late", o.working_days_late}});
  json out = {
      {"workstation", s.workstation_id},
      {"activity", s.activity},
      {"case", s.case_id.empty() ? json(nullptr)
                                 : json{{"case_id", s.case_id},
                                        {"pages", s.pages},
                                        {"flagged", flagged},
                                        {"checked", checked}}},
      {"fault", s.fault_uk},
      {"message", s.message_uk},
      {"scanner_ready", s.scanner_ready},
      {"profiles", s.profiles},
      {"open_cases", open},
      {"queue", queue},
      {"overdue", overdue},
      {"pending_requests", s.pending_requests},
      {"revision", s.revision},
  };
  json operators = json::array();
  for (const auto& o : s.operators) operators.push_back({{"id", o.id}, {"name", o.name}});
  out["login"] = {{"required", s.login_required},
                  {"operators", operators},
                  {"operator", s.logged_in ? json{{"id", s.logged_in->id}, {"name", s.logged_in->name}}
                                           : json(nullptr)}};
  // Labels and messages are ours; invalid UTF-8 (a damaged file name) is replaced, not fatal.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace intake
