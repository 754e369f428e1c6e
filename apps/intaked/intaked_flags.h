// Command line of intaked, the workstation's capture and processing daemon.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

struct IntakedFlags {
  std::filesystem::path config = "/etc/intake/workstation.json";
  bool once = false;                             // one case, then exit
  std::vector<std::filesystem::path> scan_files; // feed for the virtual pnm scanner
};

extern const char kIntakedUsage[];

Result<IntakedFlags> ParseIntakedFlags(const std::vector<std::string>& args);

}  // namespace intake
