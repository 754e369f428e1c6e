// Carrying signed paper confirmations over the receiver's message board (transfer/
// message_board.h), the same channel and the same back-office key as delivery receipts.
//
// Back office: PublishConfirmations posts what the receipt book's outbox has not yet handed
// to the receiver. Workstation (CLI or daemon): SyncConfirmations fetches the board messages
// addressed to it after the ledger's cursor, checks each envelope and each confirmation with
// the back office's key (KeyStore::BackOffice().sign_public), applies them (ApplyOutbox) and
// advances the cursor past every message handled, including messages of other kinds. Both log
// ids only.
//
// Thread safety: as PaperLedger / ReceiptBook (one call at a time per ledger or book).
#pragma once

#include <string>

#include "core/status.h"
#include "paper/confirmation_outbox.h"
#include "paper/paper_ledger.h"
#include "paper/receipt_book.h"
#include "signing/key_types.h"

namespace intake::transfer {
class HttpClient;
}  // namespace intake::transfer

namespace intake::paper {

// Posts every unposted confirmation to <receiver_url>/messages; returns how many were posted.
// kUnavailable when the receiver cannot be reached or refuses (what was posted stays posted;
// the rest waits for the next call).
Result<int> PublishConfirmations(ReceiptBook& book, transfer::HttpClient& http,
                                 const std::string& receiver_url);

// Fetches, verifies and applies this workstation's confirmations (see above). A message signed
// by an untrusted key stops the sync before it (report.stopped_untrusted); a tampered one is
// skipped (report.rejected).
Result<OutboxApplyReport> SyncConfirmations(PaperLedger& ledger, transfer::HttpClient& http,
                                            const std::string& receiver_url,
                                            const std::string& workstation,
                                            const signing::PublicKey& back_office_key,
                                            Instant now);

}  // namespace intake::paper
