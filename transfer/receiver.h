// Receiver: the back office's intake-receiver as a library object (the program only parses
// flags). It serves
//   /files/...              tus 1.0 uploads (TusService)
//   GET /receipts/<case>    the signed receipt of a filed case (JSON), 404 if none
//   GET /cases              filed case ids (JSON array), for back-office staff
//   routes mounted by other components (Mount), e.g. the message board or paper/
//
// Thread safety: Start/Stop from one thread; requests are served on connection threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "transfer/case_filer.h"
#include "transfer/ed25519.h"
#include "transfer/http_server.h"
#include "transfer/trust_store.h"
#include "transfer/tus_service.h"
#include "transfer/upload_store.h"

namespace intake::transfer {

// A route mounted under a path prefix: called for every request whose path starts with it.
struct MountedRoute {
  std::string prefix;  // e.g. "/paper/"
  Router handler;      // returns nullptr to fall through to 404
};

struct ReceiverOptions {
  HttpServerOptions http;                 // listen address, TLS
  std::filesystem::path inbox;            // filed cases
  std::filesystem::path uploads;          // tus upload state (same filesystem as inbox)
  std::filesystem::path trust_dir;        // enrolled workstation keys; "" = no authentication
  TusServiceOptions tus;                  // trust/clock filled in by the receiver
  PackageVerifier verifier;               // decrypt + verify; empty = hash check only
  std::vector<MountedRoute> routes;
};

class Receiver {
 public:
  // `receipt_key` is moved in and owned by the receiver. Files complete uploads left by a
  // crash, then starts listening.
  static Result<std::unique_ptr<Receiver>> Start(ReceiverOptions options, SigningKey receipt_key);
  ~Receiver();

  uint16_t port() const { return server_->port(); }
  std::string base_url() const;
  CaseFiler& filer() { return *filer_; }
  const PublicKey& receipt_public_key() const { return receipt_key_.public_key(); }

 private:
  Receiver(ReceiverOptions options, SigningKey key)
      : options_(std::move(options)), receipt_key_(std::move(key)) {}
  std::unique_ptr<RequestHandler> Route(HttpRequestHead head);

  ReceiverOptions options_;
  SigningKey receipt_key_;
  std::unique_ptr<TrustStore> trust_;
  std::unique_ptr<UploadStore> uploads_;
  std::unique_ptr<CaseFiler> filer_;
  std::unique_ptr<TusService> tus_;
  std::unique_ptr<HttpServer> server_;  // last: stopped first
};

}  // namespace intake::transfer
