// Carrying back-office confirmations to the workstation through the receiver.
//
// Back office: `intake paper receive` records each signed confirmation in the ReceiptBook's
// outbox, and `--post URL` / `intake paper publish --to URL` posts every message not yet posted
// to the receiver's message board (transfer/message_board.h: POST /messages, kind
// "paper-confirmation", body = the signed wire). Workstation: `intake paper reconcile --from URL`
// (or the daemon) fetches board messages after its cursor (the board signs each envelope with
// the back office's signing key; FetchMessages verifies it), verifies the inner confirmation
// signature, applies it, and advances the cursor stored in the ledger. Messages carry ids only.
//
// Thread safety: as PaperLedger.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_ledger.h"
#include "paper/receipt_book.h"

namespace intake::paper {

constexpr const char* kConfirmationKind = "paper-confirmation";

struct OutboxApplyReport {
  int applied = 0;             // new confirmations applied
  int already_applied = 0;
  int rejected = 0;            // malformed or bad signature: skipped
  bool stopped_untrusted = false;  // a message signed by a key we do not trust: not skipped,
                                   // the cursor stays before it until the key is trusted
  int64_t cursor = 0;          // the last seq handled
  std::vector<ApplyReport> reports;
  std::vector<std::string> register_ids;
};

// Verifies and applies messages in seq order, advancing the ledger's cursor for `source`
// (e.g. the receiver's URL) past every message handled.
Result<OutboxApplyReport> ApplyOutbox(PaperLedger& ledger, const std::string& source,
                                      const std::vector<OutboxMessage>& messages,
                                      const std::vector<Ed25519PublicKey>& trusted, Instant at);

}  // namespace intake::paper
