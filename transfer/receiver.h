// Receiver: the back office's intake-receiver as a library object (the program only parses
// flags). It serves
//   /files/...              tus 1.0 uploads (TusService)
//   GET /receipts/<case>    the signed receipt of a filed case (JSON), 404 if none
//   GET /cases              filed case ids (JSON array), for back-office staff
//   GET /staff/...          the clerk's HTML pages: cases, their files (StaffView; this host only)
//   /messages               back office -> workstation messages (MessageBoard)
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
#include "signing/key_store.h"
#include "transfer/http_server.h"
#include "transfer/message_board.h"
#include "transfer/staff_view.h"
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
  // The signing::TrustStore file of enrolled workstation keys: packages are decrypted and their
  // bags verified against it (SigningPackageVerifier) unless `verifier` is set or
  // verify_packages is false (then only the SHA-256 is checked: interop and transport tests).
  std::filesystem::path trust_store;
  bool verify_packages = true;
  bool require_signed_requests = false;   // tus requests must be signed by an enrolled key
  PackageVerifier verifier;               // overrides the signing verifier when set
  TusServiceOptions tus;
  std::vector<MountedRoute> routes;
  StaffPaperDesk paper_desk;              // the staff view's paper form; empty = no form
};

class Receiver {
 public:
  // `keys` (the back office's signing::KeyStore: its signing key signs receipts, its name is
  // the receipt's back_office) is moved in and owned. Files complete uploads left by a crash,
  // then starts listening.
  static Result<std::unique_ptr<Receiver>> Start(ReceiverOptions options, signing::KeyStore keys);
  ~Receiver();

  uint16_t port() const { return server_->port(); }
  std::string base_url() const;
  CaseFiler& filer() { return *filer_; }
  MessageBoard& messages() { return *messages_; }
  const signing::KeyStore& keys() const { return keys_; }

 private:
  Receiver(ReceiverOptions options, signing::KeyStore keys)
      : options_(std::move(options)), keys_(std::move(keys)) {}
  std::unique_ptr<RequestHandler> Route(HttpRequestHead head);

  ReceiverOptions options_;
  signing::KeyStore keys_;
  std::unique_ptr<UploadStore> uploads_;
  std::unique_ptr<CaseFiler> filer_;
  std::unique_ptr<TusService> tus_;
  std::unique_ptr<MessageBoard> messages_;
  std::unique_ptr<StaffView> staff_;
  std::unique_ptr<HttpServer> server_;  // last: stopped first
};

}  // namespace intake::transfer
