#include "apps/intake-receiver/paper_desk.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "paper/back_office_desk.h"
#include "paper/confirmation.h"
#include "paper/confirmation_outbox.h"
#include "paper/paper_text.h"
#include "paper/paper_time.h"
#include "signing/key_store.h"
#include "signing/signer.h"

namespace intake::receiver_app {

namespace {

struct DeskState {
  PaperDeskConfig config;
  signing::KeyStore keys;
  std::unique_ptr<paper::ReceiptBook> book;
  std::unique_ptr<paper::CodeScanner> scanner;
  std::mutex mutex;

  DeskState(PaperDeskConfig c, signing::KeyStore k) : config(std::move(c)), keys(std::move(k)) {}

  // The e-cases filed here and their paper items.
  Result<std::map<std::string, std::vector<int>>> InboxPaperItems(int* skipped) {
    return paper::LoadInboxPaperItems(config.inbox, skipped);
  }

  // The book's confirmations not yet on the board, oldest first (as PublishConfirmations).
  Status PostUnposted() {
    transfer::MessageBoard* board = config.board ? config.board() : nullptr;
    if (!board) return Unavailable("the receiver's message board is not open yet");
    INTAKE_ASSIGN_OR_RETURN(auto pending, book->Unposted());
    for (const auto& m : pending) {
      const int64_t now = paper::Now().time_since_epoch().count();
      INTAKE_RETURN_IF_ERROR(board->Post(m.workstation, paper::kConfirmationKind, m.wire, now).status());
      INTAKE_RETURN_IF_ERROR(book->MarkPosted(m.seq));
    }
    return Status::Ok();
  }

  // Per case, the latest outcome of each of its items over every confirmation this back office
  // signed for `workstations` (a later receipt of an item overrides an earlier one).
  std::map<std::string, std::string> PaperStatus(const std::vector<std::string>& workstations) {
    std::lock_guard<std::mutex> lock(mutex);
    std::map<std::string, std::map<std::string, paper::ItemOutcome>> items;  // case → item → outcome
    for (const auto& ws : workstations) {
      auto outbox = book->Outbox(ws, 0);
      if (!outbox.ok()) continue;
      for (const auto& m : *outbox) {
        auto c = paper::VerifyConfirmation(m.wire, {keys.identity().sign_public});
        if (!c.ok()) continue;
        for (const auto& item : c->items) items[item.case_id][item.item_id] = item.outcome;
      }
    }
    std::map<std::string, std::string> status;
    for (const auto& [case_id, outcomes] : items) {
      int received = 0, missing = 0, extra = 0;
      for (const auto& [item, outcome] : outcomes) {
        if (outcome == paper::ItemOutcome::kReceived) ++received;
        else if (outcome == paper::ItemOutcome::kMissing) ++missing;
        else ++extra;
      }
      std::string text = "отримано " + std::to_string(received);
      if (missing) text += ", бракує " + std::to_string(missing);
      if (extra) text += ", зайвих " + std::to_string(extra);
      status[case_id] = text;
    }
    return status;
  }

  Result<std::string> Receive(const std::vector<std::string>& typed, const std::string& clerk) {
    std::lock_guard<std::mutex> lock(mutex);
    paper::DeskInput in;
    in.typed = typed;
    in.clerk = clerk;
    in.back_office = config.back_office;
    int skipped = 0;
    auto ecases = InboxPaperItems(&skipped);
    if (!ecases.ok()) return Status(ecases.status().code(), paper::UserMessage(ecases.status()));
    in.ecases = std::move(*ecases);
    signing::Ed25519Signer signer(keys.signing_key());
    auto result = paper::ReceiveAtDesk(in, *scanner, *book, signer, paper::Now());
    if (!result.ok()) return Status(result.status().code(), paper::UserMessage(result.status()));
    std::string report =
        paper::FormatReconciliation(result->reconciliation, result->confirmation.register_id);
    if (skipped > 0)
      report += "Увага: не прочитано case.json у " + std::to_string(skipped) + " справах.\n";
    if (result->wire.empty()) return report;
    Status posted = PostUnposted();
    if (posted.ok()) {
      report += "Підтвердження підписано й передано для фронт-офісу " +
                paper::WorkstationOfRegister(result->confirmation.register_id) + ".\n";
    } else {
      report += "Підтвердження підписано й збережено; його буде передано з наступним прийманням "
                "або командою intake paper publish.\n";
    }
    return report;
  }
};

}  // namespace

Result<transfer::StaffPaperDesk> MakePaperDesk(PaperDeskConfig config) {
  auto keys = signing::KeyStore::Open(config.keys_dir);
  if (!keys.ok()) return keys.status().WithContext("paper desk keys " + config.keys_dir.string());
  if (config.back_office.empty()) config.back_office = keys->identity().name;
  auto state = std::make_shared<DeskState>(std::move(config), std::move(*keys));
  INTAKE_ASSIGN_OR_RETURN(state->book, paper::ReceiptBook::Open(state->config.receipt_book));
  INTAKE_ASSIGN_OR_RETURN(state->scanner, paper::CodeScanner::Create());
  transfer::StaffPaperDesk desk;
  desk.receive = [state](const std::vector<std::string>& typed, const std::string& clerk) {
    return state->Receive(typed, clerk);
  };
  desk.paper_status = [state](const std::vector<std::string>& workstations) {
    return state->PaperStatus(workstations);
  };
  return desk;
}

}  // namespace intake::receiver_app
