// The back office's receiving desk: from scanned pages (or a webcam frame) and typed ids to a
// reconciled, recorded and signed confirmation queued for the workstation.
//
// Thread safety: uses the given scanner, book and signer; one desk call per thread.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/code_scanner.h"
#include "paper/confirmation.h"
#include "paper/receipt_book.h"
#include "paper/reconciler.h"

namespace intake::paper {

struct DeskInput {
  std::vector<std::filesystem::path> scans;  // page images with the register / cover sheets
  // Typed instead of scanned: a register id, a case id, or a full code payload.
  std::vector<std::string> typed;
  std::vector<std::string> marked_missing;   // item ids
  std::vector<std::string> marked_extra;     // item ids
  std::string clerk;                         // clerk id (no names)
  std::string back_office;                   // this back office
  std::map<std::string, std::vector<int>> ecases;  // inbox: case id → paper item numbers
};

struct DeskResult {
  Reconciliation reconciliation;
  PaperConfirmation confirmation;
  std::string wire;                           // signed; "" when the register was refused
  std::vector<std::filesystem::path> pages_without_code;  // rescan or type the id
  int unreadable_codes = 0;                   // codes that failed their check
};

// kFailedPrecondition when no register was scanned or typed (the message says what to do);
// kInvalidArgument for two different registers or a malformed typed id. Nothing is recorded
// unless the whole receipt succeeds.
Result<DeskResult> ReceiveAtDesk(const DeskInput& input, CodeScanner& scanner, ReceiptBook& book,
                                 const signing::Signer& signer, Instant now);

// The e-cases of an inbox folder: every <inbox>/<dir>/bag/data/case.json (as intake-receiver
// files them), <inbox>/<dir>/data/case.json or <inbox>/<dir>/case.json
// → case id → its paper item numbers. Unreadable case.json files are skipped and counted.
Result<std::map<std::string, std::vector<int>>> LoadInboxPaperItems(
    const std::filesystem::path& inbox, int* skipped = nullptr);

}  // namespace intake::paper
