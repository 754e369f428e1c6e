// Case ids: "YYYYMMDD-<workstation>-<NNNN>", allocated from a per-spool counter.
//
// The id carries no personal data, so it may appear in logs, file names and barcodes.
// Allocation is durable (the counter file is written atomically before the id is returned)
// and safe across processes on one spool (an flock on the counter file).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "core/status.h"

namespace intake {

// Workstation ids are 1-16 characters of [A-Za-z0-9].
bool IsValidWorkstationId(const std::string& id);
bool IsValidCaseId(const std::string& id);

// Returns the next case id for `day` (UTC), e.g. "20261123-WS01-0007".
Result<std::string> AllocateCaseId(const std::filesystem::path& spool_dir,
                                   const std::string& workstation_id,
                                   std::chrono::system_clock::time_point day);

}  // namespace intake
