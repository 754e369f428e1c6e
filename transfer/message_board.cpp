#include "transfer/message_board.h"

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

#include "signing/signer.h"
#include "transfer/case_filer.h"
#include "transfer/digest.h"
#include "transfer/http_client.h"

namespace intake::transfer {

std::string MessageSignedBytes(const BoardMessage& m) {
  return "intake-message-v1\n" + std::to_string(m.seq) + "\n" + m.workstation + "\n" + m.kind +
         "\n" + m.created_at + "\n" + m.body;
}

Result<std::unique_ptr<MessageBoard>> MessageBoard::Open(const std::filesystem::path& db_path,
                                                         const signing::SigningKeyPair& key) {
  INTAKE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::Open(db_path));
  INTAKE_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
      "workstation TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL, "
      "key_id TEXT NOT NULL, signature TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS messages_ws ON messages(workstation, seq);"));
  return std::unique_ptr<MessageBoard>(new MessageBoard(std::move(db), key));
}

Result<BoardMessage> MessageBoard::Post(const std::string& workstation, const std::string& kind,
                                        const std::string& body, int64_t now) {
  if (workstation.empty() || kind.empty()) return InvalidArgument("a message needs a workstation and a kind");
  std::lock_guard<std::mutex> guard(mutex_);
  INTAKE_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  auto rollback = [this](Status s) {
    (void)db_.Exec("ROLLBACK");
    return s;
  };
  BoardMessage m{0, workstation, kind, FormatUtc(now), body, key_.key_id(), ""};
  auto insert = db_.Prepare(
      "INSERT INTO messages (workstation, kind, created_at, body, key_id, signature) VALUES (?,?,?,?,?,'')");
  if (!insert.ok()) return rollback(insert.status());
  insert->Bind(1, m.workstation).Bind(2, m.kind).Bind(3, m.created_at).Bind(4, m.body).Bind(5, m.key_id);
  if (Status s = insert->Run(); !s.ok()) return rollback(s);
  auto last = db_.Prepare("SELECT last_insert_rowid()");
  if (!last.ok()) return rollback(last.status());
  if (auto row = last->Step(); !row.ok()) return rollback(row.status());
  m.seq = last->ColumnInt64(0);
  signing::Signature sig = key_.Sign(signing::AsBytes(MessageSignedBytes(m)));
  m.signature = Base64Encode(std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()));
  auto update = db_.Prepare("UPDATE messages SET signature=? WHERE seq=?");
  if (!update.ok()) return rollback(update.status());
  update->Bind(1, m.signature).Bind(2, m.seq);
  if (Status s = update->Run(); !s.ok()) return rollback(s);
  INTAKE_RETURN_IF_ERROR(db_.Exec("COMMIT"));
  return m;
}

Result<std::vector<BoardMessage>> MessageBoard::After(const std::string& workstation, int64_t after,
                                                      int limit) {
  std::lock_guard<std::mutex> guard(mutex_);
  INTAKE_ASSIGN_OR_RETURN(auto s, db_.Prepare("SELECT seq, workstation, kind, created_at, body, key_id, "
                                              "signature FROM messages WHERE workstation=? AND seq>? "
                                              "ORDER BY seq LIMIT ?"));
  s.Bind(1, workstation).Bind(2, after).Bind(3, static_cast<int64_t>(limit));
  std::vector<BoardMessage> out;
  for (;;) {
    INTAKE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.ColumnInt64(0), s.ColumnText(1), s.ColumnText(2), s.ColumnText(3),
                   s.ColumnText(4), s.ColumnText(5), s.ColumnText(6)});
  }
  return out;
}

std::string MessagesToJson(const std::vector<BoardMessage>& messages) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : messages)
    list.push_back({{"seq", m.seq}, {"workstation", m.workstation}, {"kind", m.kind},
                    {"created_at", m.created_at}, {"body", m.body}, {"key_id", m.key_id},
                    {"signature", m.signature}});
  return nlohmann::json{{"messages", list}}.dump();
}

Result<std::vector<BoardMessage>> MessagesFromJson(const std::string& json) {
  try {
    std::vector<BoardMessage> out;
    const nlohmann::json parsed = nlohmann::json::parse(json);  // must outlive the loop
    for (const auto& j : parsed.at("messages"))
      out.push_back({j.at("seq").get<int64_t>(), j.at("workstation").get<std::string>(),
                     j.at("kind").get<std::string>(), j.at("created_at").get<std::string>(),
                     j.at("body").get<std::string>(), j.at("key_id").get<std::string>(),
                     j.at("signature").get<std::string>()});
    return out;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("malformed message list: ") + e.what());
  }
}

std::unique_ptr<RequestHandler> MessageBoard::Route(const HttpRequestHead& head) {
  if (head.path != "/messages") return nullptr;
  if (head.method == "GET") {
    int64_t after = std::atoll(head.Query("after").c_str());
    int limit = head.Query("limit").empty() ? 100 : std::clamp(std::atoi(head.Query("limit").c_str()), 1, 1000);
    auto messages = After(head.Query("workstation"), after, limit);
    if (!messages.ok()) return FixedReply(HttpReply::Text(500, messages.status().message()));
    return FixedReply(HttpReply::Json(200, MessagesToJson(*messages)));
  }
  if (head.method != "POST") return FixedReply(HttpReply::Text(405, "GET or POST"));
  if (head.remote_ip != "127.0.0.1" && head.remote_ip != "::1")
    return FixedReply(HttpReply::Text(403, "messages are posted from the receiver's host only"));
  return BufferedHandler(head, [this](const HttpRequestHead&, const std::string& body) {
    try {
      auto j = nlohmann::json::parse(body);
      auto posted = Post(j.at("workstation").get<std::string>(), j.at("kind").get<std::string>(),
                         j.at("body").get<std::string>(), static_cast<int64_t>(std::time(nullptr)));
      if (!posted.ok()) return HttpReply::Text(400, posted.status().message());
      return HttpReply::Json(201, nlohmann::json{{"seq", posted->seq}}.dump());
    } catch (const nlohmann::json::exception& e) {
      return HttpReply::Text(400, std::string("expected {\"workstation\",\"kind\",\"body\"}: ") + e.what());
    }
  });
}

Result<std::vector<BoardMessage>> FetchMessages(HttpClient& http, const std::string& receiver_url,
                                                const std::string& workstation, int64_t after,
                                                const signing::PublicKey& back_office_key) {
  std::string url = receiver_url + "/messages?workstation=" + workstation + "&after=" + std::to_string(after);
  INTAKE_ASSIGN_OR_RETURN(auto response, http.Perform(HttpRequest{"GET", url, {}, {}}));
  if (response.status != 200)
    return Unavailable("GET " + url + ": HTTP " + std::to_string(response.status));
  INTAKE_ASSIGN_OR_RETURN(auto messages, MessagesFromJson(response.body));
  for (const auto& m : messages) {
    auto raw = Base64Decode(m.signature);
    signing::Signature sig{};
    if (!raw.ok() || raw->size() != sig.size())
      return Status(Code::kPermissionDenied, "message " + std::to_string(m.seq) + " has no valid signature");
    std::copy(raw->begin(), raw->end(), sig.begin());
    if (m.workstation != workstation ||
        !signing::VerifyEd25519(back_office_key, signing::AsBytes(MessageSignedBytes(m)), sig))
      return Status(Code::kPermissionDenied,
                    "message " + std::to_string(m.seq) + " is not signed by the trusted back office");
  }
  return messages;
}

}  // namespace intake::transfer
