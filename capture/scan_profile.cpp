#include "capture/scan_profile.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace intake::capture {

using nlohmann::json;

PageExpectations ScanProfile::Expectations() const {
  PageExpectations expect;
  expect.max_length_mm = max_length_mm;
  for (const auto& [name, value] : settings) {
    if (name != "resolution") continue;
    try {
      expect.asked_dpi = std::stod(value);
    } catch (const std::exception&) {
      expect.asked_dpi = 0;
    }
  }
  return expect;
}

namespace {
ScanProfile Profile(std::string name, std::string description, std::string source,
                    std::string mode, double max_length_mm) {
  ScanProfile p;
  p.name = std::move(name);
  p.description = std::move(description);
  p.settings.emplace_back("source", std::move(source));
  p.settings.emplace_back("mode", std::move(mode));
  p.settings.emplace_back("resolution", "300");
  p.max_length_mm = max_length_mm;
  return p;
}
}  // namespace

std::vector<ScanProfile> DefaultProfiles() {
  // Length limits: the document's own length plus 10% (slanted feed), so a double feed or a
  // folded sheet stands out. 0 = no limit (booklets are scanned open, size varies).
  return {
      Profile("id_card", "ID card: colour 300 dpi flatbed", "flatbed", "Color", 0),
      Profile("forms", "forms: gray 300 dpi ADF duplex", "adf-duplex", "Gray", 297 * 1.1),
      Profile("forms_simplex", "forms: gray 300 dpi ADF one-sided", "adf", "Gray", 297 * 1.1),
      Profile("passport_booklet", "passport booklet: colour 300 dpi flatbed", "flatbed", "Color", 0),
      Profile("certificate", "certificates: gray 300 dpi flatbed", "flatbed", "Gray", 0),
  };
}

Result<std::vector<ScanProfile>> ParseProfiles(std::string_view json_text) {
  std::vector<ScanProfile> profiles;
  try {
    json root = json::parse(json_text);
    const json& list = root.contains("profiles") ? root.at("profiles") : root;
    if (!list.is_object()) return InvalidArgument("scan profiles: expected an object of profiles");
    for (const auto& [name, body] : list.items()) {
      ScanProfile p;
      p.name = name;
      p.description = body.value("description", "");
      p.max_length_mm = body.value("max_length_mm", 0.0);
      if (!body.contains("settings") || !body.at("settings").is_array())
        return InvalidArgument("scan profile '" + name + "': 'settings' must be a list of "
                               "[option, value] pairs");
      for (const auto& s : body.at("settings")) {
        if (!s.is_array() || s.size() != 2 || !s[0].is_string())
          return InvalidArgument("scan profile '" + name + "': each setting is [option, value]");
        std::string value = s[1].is_string() ? s[1].get<std::string>() : s[1].dump();
        p.settings.emplace_back(s[0].get<std::string>(), value);
      }
      profiles.push_back(std::move(p));
    }
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("scan profiles are not valid JSON: ") + e.what());
  }
  return profiles;
}

Result<std::vector<ScanProfile>> LoadProfiles(const std::filesystem::path& file) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  auto profiles = ParseProfiles(text);
  if (!profiles.ok()) return profiles.status().WithContext(file.string());
  return profiles;
}

Result<std::map<std::string, std::string>> ParseButtonProfiles(
    std::string_view json_text, const std::vector<ScanProfile>& profiles) {
  std::map<std::string, std::string> buttons;
  try {
    json root = json::parse(json_text);
    if (!root.contains("buttons")) return buttons;
    for (const auto& [button, profile] : root.at("buttons").items()) {
      if (!profile.is_string())
        return InvalidArgument("button '" + button + "': the profile must be a name");
      const std::string name = profile.get<std::string>();
      if (!FindProfile(profiles, name))
        return InvalidArgument("button '" + button + "' names unknown scan profile '" + name + "'");
      buttons[button] = name;
    }
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("scan profiles are not valid JSON: ") + e.what());
  }
  return buttons;
}

const ScanProfile* FindProfile(const std::vector<ScanProfile>& profiles, std::string_view name) {
  for (const auto& p : profiles)
    if (p.name == name) return &p;
  return nullptr;
}

Result<std::pair<std::string, std::string>> ParseSetting(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return InvalidArgument("setting '" + std::string(text) + "' must be NAME=VALUE");
  return std::pair<std::string, std::string>(std::string(text.substr(0, eq)),
                                             std::string(text.substr(eq + 1)));
}

}  // namespace intake::capture
