// MessageBoard: back office -> workstation messages carried by the receiver (e.g. paper/'s
// signed confirmations that paper originals arrived). Generic: a message is a kind and an
// opaque UTF-8 body addressed to one workstation; the board numbers messages per receiver
// (seq, increasing) and signs each envelope with the back office's signing key, so the
// workstation can check where it came from whatever the body's own signature.
//
// HTTP (mounted by the Receiver):
//   POST /messages   body {"workstation":"WS01","kind":"paper-confirmation","body":"..."}
//                    -> 201 {"seq":N}; accepted from loopback clients only (the back-office
//                    tools run on the receiver's host)
//   GET  /messages?workstation=WS01&after=N[&limit=M]
//                    -> 200 {"messages":[{"seq","workstation","kind","created_at","body",
//                                          "key_id","signature"}...]} (seq > N, ascending)
// Envelope signature: Ed25519 (base64) over MessageSignedBytes(...).
//
// Thread safety: the board serialises its own SQLite access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/key_pair.h"
#include "transfer/http_server.h"
#include "transfer/sqlite_db.h"

namespace intake::transfer {

struct BoardMessage {
  int64_t seq = 0;
  std::string workstation;
  std::string kind;
  std::string created_at;  // RFC 3339 UTC
  std::string body;
  std::string key_id;
  std::string signature;  // base64
};

std::string MessageSignedBytes(const BoardMessage& m);

class MessageBoard {
 public:
  // `key` is borrowed and must outlive the board.
  static Result<std::unique_ptr<MessageBoard>> Open(const std::filesystem::path& db_path,
                                                    const signing::SigningKeyPair& key);
  Result<BoardMessage> Post(const std::string& workstation, const std::string& kind,
                            const std::string& body, int64_t now);
  Result<std::vector<BoardMessage>> After(const std::string& workstation, int64_t after, int limit);

  // The HTTP handler for /messages (see above).
  std::unique_ptr<RequestHandler> Route(const HttpRequestHead& head);

 private:
  MessageBoard(SqliteDb db, const signing::SigningKeyPair& key) : db_(std::move(db)), key_(key) {}
  std::mutex mutex_;
  SqliteDb db_;
  const signing::SigningKeyPair& key_;
};

// Workstation side: GET the messages after `after` and keep only those whose envelope
// verifies under `back_office_key` (others are an error: kPermissionDenied).
class HttpClient;
Result<std::vector<BoardMessage>> FetchMessages(HttpClient& http, const std::string& receiver_url,
                                                const std::string& workstation, int64_t after,
                                                const signing::PublicKey& back_office_key);

std::string MessagesToJson(const std::vector<BoardMessage>& messages);
Result<std::vector<BoardMessage>> MessagesFromJson(const std::string& json);

}  // namespace intake::transfer
