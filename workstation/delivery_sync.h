// SyncDeliveries: tells the paper ledger about e-case receipts the transfer daemon verified.
//
// intake-transferd marks a package delivered once the back office's signed receipt checks
// out; the paper ledger closes a case only when that e-case receipt and the paper receipt are
// both in. This walks the queue's delivered packages and records their receipts in the ledger
// (idempotent), so the daemon loop, `intake demo` and the CLI all close cases the same way.
//
// Thread safety: one caller per spool at a time.
#pragma once

#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

struct DeliverySyncReport {
  int delivered = 0;        // packages the queue holds as delivered
  int recorded = 0;         // e-case receipts recorded in the paper ledger by this call
};

Result<DeliverySyncReport> SyncDeliveries(const WorkstationConfig& config);

}  // namespace intake
