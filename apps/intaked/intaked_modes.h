// The two ways intaked runs: one case and exit (--once), or the desk's daemon.
#pragma once

#include "apps/intaked/intaked_flags.h"
#include "workstation/workstation_config.h"

namespace intake {

// Returns the process exit code (kIntakedUsage).
int RunOnce(const IntakedFlags& flags, const WorkstationConfig& config);
// Blocks until SIGTERM or SIGINT. REQUIRES: called before any other thread starts (it blocks
// the signals for every thread and waits for them in the calling thread).
int RunDaemon(const IntakedFlags& flags, const WorkstationConfig& config);

}  // namespace intake
