#include "workstation/delivery_sync.h"

#include "core/log.h"
#include "paper/paper_ledger.h"
#include "paper/paper_time.h"
#include "transfer/transfer_queue.h"
#include "workstation/workstation_ledger.h"

namespace intake {

Result<DeliverySyncReport> SyncDeliveries(const WorkstationConfig& config) {
  DeliverySyncReport report;
  INTAKE_ASSIGN_OR_RETURN(auto queue, transfer::TransferQueue::Open(config.queue_path()));
  INTAKE_ASSIGN_OR_RETURN(auto packages, queue->List());
  INTAKE_ASSIGN_OR_RETURN(auto ledger, OpenWorkstationLedger(config));
  for (const auto& package : packages) {
    if (package.state != transfer::PackageState::kDelivered) continue;
    ++report.delivered;
    auto status = ledger->Case(package.package_id);
    if (!status.ok()) {
      // Cases sealed before the ledger existed have no paper record: nothing to close.
      if (status.status().code() == Code::kNotFound) continue;
      return status.status();
    }
    if (status->ecase_receipt_at) continue;
    INTAKE_RETURN_IF_ERROR(ledger->RecordEcaseReceipt(package.package_id, paper::Now()));
    ++report.recorded;
    LogInfo("delivery", package.package_id + ": e-case receipt recorded in the paper ledger");
  }
  return report;
}

}  // namespace intake
