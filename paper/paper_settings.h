// Settings of the paper side of a workstation or back office, from an optional JSON file
// (<spool>/paper/paper.json), so deadlines and retention are configuration, not code:
//   {"workstation": "WS01", "front_office": "ЦНАП … (WS01)", "working_days": 10,
//    "saturday_off": true, "holidays_file": "/etc/intake/holidays.txt", "retention_days": 30,
//    "back_office": "uszn-district-1"}
// Missing keys keep their defaults. Keys are not paper settings: confirmations are signed and
// verified with the signing KeyStore (confirmation.h). Thread safety: pure.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_ledger.h"

namespace intake::paper {

struct PaperSettings {
  LedgerOptions ledger;                      // workstation, deadlines, retention
  std::string front_office;                  // printed on registers; default: the workstation id
  std::string back_office;                   // default receiving back office (workstation) or
                                             // this back office (back-office desk)
};

// Reads the file when it exists; defaults otherwise. Loads the holiday file it names.
Result<PaperSettings> LoadPaperSettings(const std::filesystem::path& path);

}  // namespace intake::paper
