// The staff view's paper form backed by paper/'s back-office desk: typed register and
// cover-sheet ids are reconciled against the inbox's e-cases (ReceiveAtDesk), recorded in the
// receipt book, signed with the back office's key and posted to this receiver's message board
// for the workstation (in process, as PublishConfirmations does over HTTP). transfer/ cannot call paper/ (paper sits above
// it), so the program wires it here.
//
// Thread safety: the returned function serialises its calls (one book, scanner, signer).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/status.h"
#include "transfer/message_board.h"
#include "transfer/staff_view.h"

namespace intake::receiver_app {

struct PaperDeskConfig {
  std::filesystem::path receipt_book;  // paper::ReceiptBook (SQLite), created if missing
  std::filesystem::path inbox;         // the receiver's inbox (e-cases and their paper items)
  std::filesystem::path keys_dir;      // the back office's key store (signs confirmations)
  std::string back_office;             // this back office, as registers name it
  // This receiver's message board, where confirmations are posted for the workstations;
  // nullptr until the receiver started (they wait in the book's outbox until the next receipt).
  std::function<transfer::MessageBoard*()> board;
};

// Opens the book, the keys and a code scanner; fails with what to fix.
Result<transfer::StaffPaperDesk> MakePaperDesk(PaperDeskConfig config);

}  // namespace intake::receiver_app
