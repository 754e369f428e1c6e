#include "transfer/receiver.h"

#include <nlohmann/json.hpp>

#include "core/log.h"
#include "core/request_token.h"
#include "signing/receipt.h"
#include "transfer/package_opener.h"
#include "transfer/staff_form.h"

namespace intake::transfer {

Result<std::unique_ptr<Receiver>> Receiver::Start(ReceiverOptions options, signing::KeyStore keys) {
  if (options.inbox.empty()) return InvalidArgument("receiver needs an inbox folder (--inbox)");
  if (options.uploads.empty()) options.uploads = options.inbox / ".uploads";
  std::unique_ptr<Receiver> r(new Receiver(std::move(options), std::move(keys)));
  ReceiverOptions& o = r->options_;
  if ((o.verify_packages && !o.verifier) || o.require_signed_requests) {
    if (o.trust_store.empty())
      return InvalidArgument("the receiver needs the trust store of enrolled workstations (--trust-store)");
  }
  if (o.verify_packages && !o.verifier) o.verifier = SigningPackageVerifier(r->keys_, o.trust_store);
  if (!o.verify_packages) o.verifier = nullptr;
  if (o.require_signed_requests) o.tus.trust_store = o.trust_store;
  INTAKE_ASSIGN_OR_RETURN(r->uploads_, UploadStore::Open(o.uploads));
  INTAKE_ASSIGN_OR_RETURN(r->filer_, CaseFiler::Open(o.inbox, r->keys_.signing_key(),
                                                        r->keys_.identity().name, o.verifier));
  r->tus_ = std::make_unique<TusService>(o.tus, *r->uploads_, *r->filer_);
  INTAKE_ASSIGN_OR_RETURN(r->messages_,
                          MessageBoard::Open(o.uploads / "messages.db", r->keys_.signing_key()));
  INTAKE_ASSIGN_OR_RETURN(std::string staff_token, NewRequestToken());
  r->staff_ = std::make_unique<StaffView>(
      *r->filer_, [self = r.get()] { return self->port(); }, r->keys_.identity().name,
      o.paper_desk, std::move(staff_token));
  int recovered = r->tus_->RecoverCompleteUploads();
  if (recovered > 0) LogInfo("receiver", "filed " + std::to_string(recovered) + " uploads completed before a restart");
  Receiver* self = r.get();
  INTAKE_ASSIGN_OR_RETURN(r->server_, HttpServer::Start(o.http, [self](HttpRequestHead head) {
                            return self->Route(std::move(head));
                          }));
  return r;
}

Receiver::~Receiver() { server_.reset(); }

std::string Receiver::base_url() const {
  bool tls = !options_.http.tls_cert_pem.empty();
  return std::string(tls ? "https://" : "http://") + options_.http.host + ":" + std::to_string(port());
}

std::unique_ptr<RequestHandler> Receiver::Route(HttpRequestHead head) {
  if (auto tus = tus_->Route(head)) return tus;
  const std::string receipts = "/receipts/";
  if (head.method == "GET" && head.path.rfind(receipts, 0) == 0) {
    auto receipt = filer_->Find(head.path.substr(receipts.size()));
    if (!receipt.ok()) return FixedReply(HttpReply::Text(400, receipt.status().message()));
    if (!receipt->has_value()) return FixedReply(HttpReply::Text(404, "no receipt for this case"));
    HttpReply reply;  // the blob exactly as signed
    reply.body = **receipt;
    reply.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    return FixedReply(std::move(reply));
  }
  if (StaffView::Handles(head.path)) return staff_->Route(std::move(head));
  if (head.method == "GET" && head.path == "/cases") {
    return FixedReply(HttpReply::Json(200, nlohmann::json(filer_->List()).dump()));
  }
  const std::string cases = "/cases/";
  if (head.method == "GET" && head.path.rfind(cases, 0) == 0) {
    // Staff open a received case on the back office's own host: the listing names files of a
    // case holding personal data, so it is not served to the network.
    if (head.remote_ip != "127.0.0.1" && head.remote_ip != "::1")
      return FixedReply(HttpReply::Text(403, "case listings are served to this host only"));
    std::string case_id = head.path.substr(cases.size());
    auto files = filer_->Files(case_id);
    if (!files.ok()) {
      int status = files.status().code() == Code::kNotFound ? 404
                   : files.status().code() == Code::kInvalidArgument ? 400 : 500;
      return FixedReply(HttpReply::Text(status, files.status().message()));
    }
    auto receipt = filer_->Find(case_id);
    nlohmann::json listing = {{"case_id", case_id},
                              {"folder", (filer_->inbox() / case_id).string()},
                              {"files", nlohmann::json::array()}};
    for (const auto& f : *files) listing["files"].push_back({{"path", f.path}, {"size", f.size}});
    if (receipt.ok() && *receipt) {
      auto parsed = signing::ParseReceipt(**receipt);
      if (parsed.ok()) {
        listing["receipt"] = {{"package_hash", parsed->package_hash},
                              {"received_at", parsed->received_at},
                              {"status", parsed->status}};
      }
    }
    return FixedReply(HttpReply::Json(200, listing.dump()));
  }
  if (auto messages = messages_->Route(head)) return messages;
  for (const auto& route : options_.routes) {
    if (head.path.rfind(route.prefix, 0) == 0) {
      if (auto handler = route.handler(head)) return handler;
    }
  }
  return FixedReply(HttpReply::Text(404, "not found"));
}

}  // namespace intake::transfer
