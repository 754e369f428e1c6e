#include "paper/confirmation_outbox.h"

#include "core/log.h"

namespace intake::paper {

Result<OutboxApplyReport> ApplyOutbox(PaperLedger& ledger, const std::string& source,
                                      const std::vector<OutboxMessage>& messages,
                                      const std::vector<Ed25519PublicKey>& trusted, Instant at) {
  OutboxApplyReport report;
  INTAKE_ASSIGN_OR_RETURN(report.cursor, ledger.OutboxCursor(source));
  for (const auto& m : messages) {
    if (m.seq <= report.cursor) continue;
    auto conf = VerifyConfirmation(m.wire, trusted);
    if (!conf.ok()) {
      if (conf.status().code() == Code::kPermissionDenied) {
        report.stopped_untrusted = true;
        LogWarning("paper", "confirmation " + std::to_string(m.seq) + " from " + source +
                                " is signed by an untrusted key; waiting");
        break;
      }
      ++report.rejected;
      LogWarning("paper", "rejected confirmation " + std::to_string(m.seq) + " from " + source +
                              ": " + conf.status().message());
    } else {
      auto applied = ledger.ApplyConfirmation(*conf, at);
      if (!applied.ok()) {
        if (applied.status().code() != Code::kPermissionDenied &&
            applied.status().code() != Code::kNotFound) {
          return applied.status();  // local trouble (disk, lock): retry later from here
        }
        ++report.rejected;  // a register that is not ours / from another back office
        LogWarning("paper", "could not apply confirmation " + std::to_string(m.seq) + ": " +
                                applied.status().message());
      } else {
        applied->already_applied ? ++report.already_applied : ++report.applied;
        report.register_ids.push_back(conf->register_id);
        report.reports.push_back(*applied);
      }
    }
    report.cursor = m.seq;
    INTAKE_RETURN_IF_ERROR(ledger.SetOutboxCursor(source, m.seq));
  }
  return report;
}

}  // namespace intake::paper
