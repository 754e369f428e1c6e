#include "paper/confirmation_transport.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "transfer/http_client.h"
#include "transfer/message_board.h"

namespace intake::paper {

Result<int> PublishConfirmations(ReceiptBook& book, transfer::HttpClient& http,
                                 const std::string& receiver_url) {
  INTAKE_ASSIGN_OR_RETURN(auto pending, book.Unposted());
  int posted = 0;
  for (const auto& m : pending) {
    std::string body = nlohmann::json{{"workstation", m.workstation},
                                      {"kind", kConfirmationKind},
                                      {"body", m.wire}}.dump();
    transfer::HttpRequest request{"POST", receiver_url + "/messages",
                                  {"Content-Type: application/json"}, body};
    INTAKE_ASSIGN_OR_RETURN(auto response, http.Perform(request));
    if (response.status != 201 && response.status != 200) {
      return Unavailable("receiver answered " + std::to_string(response.status) +
                         " to POST /messages; will post again later");
    }
    INTAKE_RETURN_IF_ERROR(book.MarkPosted(m.seq));
    ++posted;
  }
  return posted;
}

Result<OutboxApplyReport> SyncConfirmations(PaperLedger& ledger, transfer::HttpClient& http,
                                            const std::string& receiver_url,
                                            const std::string& workstation,
                                            const signing::PublicKey& back_office_key,
                                            Instant now) {
  const std::string source = "board " + receiver_url;
  INTAKE_ASSIGN_OR_RETURN(int64_t cursor, ledger.OutboxCursor(source));
  INTAKE_ASSIGN_OR_RETURN(auto board, transfer::FetchMessages(http, receiver_url, workstation,
                                                              cursor, back_office_key));
  std::vector<OutboxMessage> messages;
  int64_t last_seq = cursor;
  for (const auto& m : board) {
    last_seq = std::max(last_seq, m.seq);
    if (m.kind == kConfirmationKind) messages.push_back({m.seq, m.workstation, "", m.body});
  }
  INTAKE_ASSIGN_OR_RETURN(OutboxApplyReport report,
                          ApplyOutbox(ledger, source, messages, {back_office_key}, now));
  if (!report.stopped_untrusted && last_seq > report.cursor) {
    INTAKE_RETURN_IF_ERROR(ledger.SetOutboxCursor(source, last_seq));  // past other kinds
    report.cursor = last_seq;
  }
  return report;
}

}  // namespace intake::paper
