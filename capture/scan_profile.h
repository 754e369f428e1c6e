// Scan profiles: named settings per document kind, kept in the workstation configuration.
//
// A profile is an ordered list of option settings plus what a page should look like:
//   {"profiles": {
//      "id_card": {"description": "ID card: colour 300 dpi flatbed",
//                  "settings": [["source", "flatbed"], ["mode", "Color"], ["resolution", "300"]],
//                  "max_length_mm": 120},
//      "forms":   {"description": "forms: gray 300 dpi ADF duplex",
//                  "settings": [["source", "adf-duplex"], ["mode", "Gray"], ["resolution", "300"]],
//                  "max_length_mm": 320}}}
// The same file maps scanner buttons to profiles: {"buttons": {"scan": "forms", "copy": "id_card"}}.
// The source values "flatbed", "adf" and "adf-duplex" are matched to whatever names the
// backend uses (see ApplySettings in scanner.h); any other value must be the device's own.
//
// Thread safety: value types and pure functions.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capture/page_checks.h"
#include "core/status.h"

namespace intake::capture {

using Settings = std::vector<std::pair<std::string, std::string>>;

struct ScanProfile {
  std::string name;
  std::string description;
  Settings settings;
  double max_length_mm = 0;  // 0: no length check

  // Page checks for this profile: asked dpi from its "resolution" setting.
  PageExpectations Expectations() const;
};

// The built-in profiles: "id_card", "forms", "passport_booklet", "certificate".
std::vector<ScanProfile> DefaultProfiles();

// Parses the JSON above. Fails with kInvalidArgument saying which profile/field is wrong.
Result<std::vector<ScanProfile>> ParseProfiles(std::string_view json_text);
Result<std::vector<ScanProfile>> LoadProfiles(const std::filesystem::path& file);

// The "buttons" object (button -> profile name); every named profile must exist in `profiles`.
// Empty when the file has no "buttons".
Result<std::map<std::string, std::string>> ParseButtonProfiles(
    std::string_view json_text, const std::vector<ScanProfile>& profiles);

// nullptr when absent.
const ScanProfile* FindProfile(const std::vector<ScanProfile>& profiles, std::string_view name);

// "name=value" -> pair; fails on a missing '='.
Result<std::pair<std::string, std::string>> ParseSetting(std::string_view text);

}  // namespace intake::capture
