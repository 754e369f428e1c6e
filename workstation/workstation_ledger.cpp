#include "workstation/workstation_ledger.h"

#include "paper/paper_settings.h"

namespace intake {

std::filesystem::path CoverSheetDir(const WorkstationConfig& config) {
  return config.spool_dir / "paper" / "cover-sheets";
}

Result<std::unique_ptr<paper::PaperLedger>> OpenWorkstationLedger(const WorkstationConfig& config) {
  const std::filesystem::path settings_file = config.spool_dir / "paper" / "paper.json";
  auto settings = paper::LoadPaperSettings(settings_file);
  if (!settings.ok()) return settings.status().WithContext(settings_file.string());
  paper::LedgerOptions options = settings->ledger;
  options.workstation = config.workstation_id;
  options.cover_dir = CoverSheetDir(config);
  return paper::PaperLedger::Open(config.spool_dir / "paper" / "ledger.db", options);
}

}  // namespace intake
