// Command line of intaked, the workstation's capture and processing daemon.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

struct IntakedFlags {
  std::filesystem::path config = "/etc/intake/workstation.json";
  bool once = false;                             // one case, then exit
  bool no_scan = false;                          // --once --case ID: only recognise and seal
  std::optional<std::string> case_id;            // resume this open case
  std::vector<std::filesystem::path> scan_files; // feed for the virtual pnm scanner
  bool kiosk = false;                            // serve the kiosk screen
  std::optional<std::string> listen;             // kiosk address (default: the config's)
};

extern const char kIntakedUsage[];

Result<IntakedFlags> ParseIntakedFlags(const std::vector<std::string>& args);

}  // namespace intake
