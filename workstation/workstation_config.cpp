#include "workstation/workstation_config.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "workstation/case_id.h"

namespace intake {

using nlohmann::json;

Result<WorkstationConfig> ParseWorkstationConfig(const std::string& json_text) {
  WorkstationConfig c;
  try {
    json j = json::parse(json_text);
    if (!j.is_object()) return InvalidArgument("the configuration must be a JSON object");
    c.workstation_id = j.value("workstation_id", c.workstation_id);
    c.operator_id = j.value("operator", c.operator_id);
    c.service = j.value("service", c.service);
    c.spool_dir = j.value("spool_dir", c.spool_dir.string());
    c.keys_dir = j.value("keys_dir", std::string());
    if (j.contains("scanner")) {
      const json& s = j.at("scanner");
      c.scanner.device = s.value("device", c.scanner.device);
      c.scanner.sane_config_dir = s.value("sane_config_dir", c.scanner.sane_config_dir);
      c.scanner.source = s.value("source", c.scanner.source);
      c.scanner.mode = s.value("mode", c.scanner.mode);
      c.scanner.resolution = s.value("resolution", c.scanner.resolution);
    }
    if (j.contains("back_office")) {
      const json& b = j.at("back_office");
      c.back_office.id = b.value("id", c.back_office.id);
      c.back_office.url = b.value("url", c.back_office.url);
      c.back_office.keys_dir = b.value("keys_dir", std::string());
    }
    if (j.contains("daemon")) {
      const json& d = j.at("daemon");
      c.daemon.watch_dir = d.value("watch_dir", std::string());
      c.daemon.profiles_file = d.value("profiles_file", std::string());
      if (d.contains("buttons"))
        c.daemon.buttons = d.at("buttons").get<std::map<std::string, std::string>>();
      c.daemon.button_poll_ms = d.value("button_poll_ms", c.daemon.button_poll_ms);
      c.daemon.settle_ms = d.value("settle_ms", c.daemon.settle_ms);
      c.daemon.watch_profile = d.value("watch_profile", std::string());
      c.daemon.housekeeping_s = d.value("housekeeping_s", c.daemon.housekeeping_s);
      c.daemon.kiosk_listen = d.value("kiosk_listen", c.daemon.kiosk_listen);
      c.daemon.login_idle_s = d.value("login_idle_s", c.daemon.login_idle_s);
    }
    if (j.contains("operators")) {
      if (!j["operators"].is_array())
        return InvalidArgument("operators must be a list of {\"id\", \"name\", \"pin_hash\"}");
      for (const auto& o : j["operators"]) {
        if (!o.is_object()) return InvalidArgument("every entry of operators must be an object");
        OperatorConfig op;
        op.id = o.value("id", std::string());
        op.name = o.value("name", op.id);
        op.pin_hash = o.value("pin_hash", std::string());
        c.operators.push_back(std::move(op));
      }
    }
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("the configuration is not valid JSON: ") + e.what());
  }
  if (!IsValidWorkstationId(c.workstation_id))
    return InvalidArgument("workstation_id must be 1-16 letters or digits");
  if (c.spool_dir.empty()) return InvalidArgument("spool_dir must be set");
  if (c.scanner.resolution < 50 || c.scanner.resolution > 1200)
    return InvalidArgument("scanner.resolution must be between 50 and 1200 dpi");
  if (c.back_office.url.rfind("http://", 0) != 0 && c.back_office.url.rfind("https://", 0) != 0)
    return InvalidArgument("back_office.url must start with http:// or https://");
  if (c.daemon.button_poll_ms < 0 || c.daemon.button_poll_ms > 60000)
    return InvalidArgument("daemon.button_poll_ms must be between 0 and 60000");
  if (c.daemon.settle_ms < 0 || c.daemon.settle_ms > 600000)
    return InvalidArgument("daemon.settle_ms must be between 0 and 600000");
  if (c.daemon.housekeeping_s < 1 || c.daemon.housekeeping_s > 86400)
    return InvalidArgument("daemon.housekeeping_s must be between 1 and 86400");
  if (c.daemon.login_idle_s < 1 || c.daemon.login_idle_s > 86400)
    return InvalidArgument("daemon.login_idle_s must be between 1 and 86400");
  for (size_t i = 0; i < c.operators.size(); ++i) {
    const OperatorConfig& op = c.operators[i];
    const std::string where = "operators[" + std::to_string(i) + "]";
    if (op.id.empty() || op.id.size() > 64 ||
        op.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789._-") != std::string::npos)
      return InvalidArgument(where + ".id must be 1-64 letters, digits, '.', '_' or '-'");
    if (op.pin_hash.rfind("$argon2id$", 0) != 0)
      return InvalidArgument(where + ".pin_hash must be an $argon2id$ string made by "
                             "`intake operators hash` (never the PIN itself)");
    for (size_t k = 0; k < i; ++k)
      if (c.operators[k].id == op.id) return InvalidArgument(where + ".id '" + op.id + "' is repeated");
  }
  return c;
}

Result<WorkstationConfig> LoadWorkstationConfig(const std::filesystem::path& path) {
  auto text = ReadFile(path);
  if (!text.ok())
    return text.status().WithContext("cannot read the configuration (pass --config PATH)");
  auto config = ParseWorkstationConfig(*text);
  if (!config.ok()) return config.status().WithContext(path.string());
  return config;
}

std::string WorkstationConfigToJson(const WorkstationConfig& c) {
  json j = {
      {"workstation_id", c.workstation_id},
      {"operator", c.operator_id},
      {"service", c.service},
      {"spool_dir", c.spool_dir.string()},
      {"keys_dir", c.keys_dir.string()},
      {"scanner",
       {{"device", c.scanner.device},
        {"sane_config_dir", c.scanner.sane_config_dir},
        {"source", c.scanner.source},
        {"mode", c.scanner.mode},
        {"resolution", c.scanner.resolution}}},
      {"back_office",
       {{"id", c.back_office.id},
        {"url", c.back_office.url},
        {"keys_dir", c.back_office.keys_dir.string()}}},
      {"daemon",
       {{"watch_dir", c.daemon.watch_dir.string()},
        {"profiles_file", c.daemon.profiles_file.string()},
        {"buttons", c.daemon.buttons},
        {"button_poll_ms", c.daemon.button_poll_ms},
        {"settle_ms", c.daemon.settle_ms},
        {"watch_profile", c.daemon.watch_profile},
        {"housekeeping_s", c.daemon.housekeeping_s},
        {"kiosk_listen", c.daemon.kiosk_listen},
        {"login_idle_s", c.daemon.login_idle_s}}},
  };
  if (!c.operators.empty()) {
    json ops = json::array();
    for (const auto& o : c.operators)
      ops.push_back({{"id", o.id}, {"name", o.name}, {"pin_hash", o.pin_hash}});
    j["operators"] = ops;
  }
  return j.dump(2) + "\n";
}

}  // namespace intake
