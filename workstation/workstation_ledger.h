// The workstation's paper ledger, opened the same way by every caller (the case pipeline,
// the daemon's housekeeping, SyncDeliveries): <spool>/paper/ledger.db with the settings of
// <spool>/paper/paper.json (deadlines, retention, holidays; paper_settings.h) and the cover
// sheets where the pipeline prints them, <spool>/paper/cover-sheets/, so Purge removes them.
//
// Thread safety: each call returns a new ledger for the calling thread.
#pragma once

#include <filesystem>
#include <memory>

#include "core/status.h"
#include "paper/paper_ledger.h"
#include "workstation/workstation_config.h"

namespace intake {

std::filesystem::path CoverSheetDir(const WorkstationConfig& config);

// Fails when paper.json is malformed (the message names the file) or the ledger cannot open.
Result<std::unique_ptr<paper::PaperLedger>> OpenWorkstationLedger(const WorkstationConfig& config);

}  // namespace intake
