#include "transfer/receiver.h"

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace intake::transfer {

Result<std::unique_ptr<Receiver>> Receiver::Start(ReceiverOptions options, SigningKey receipt_key) {
  if (options.inbox.empty()) return InvalidArgument("receiver needs an inbox folder (--inbox)");
  if (options.uploads.empty()) options.uploads = options.inbox / ".uploads";
  std::unique_ptr<Receiver> r(new Receiver(std::move(options), std::move(receipt_key)));
  ReceiverOptions& o = r->options_;
  if (!o.trust_dir.empty()) {
    INTAKE_ASSIGN_OR_RETURN(r->trust_, TrustStore::Open(o.trust_dir));
    o.tus.trust = r->trust_.get();
  }
  INTAKE_ASSIGN_OR_RETURN(r->uploads_, UploadStore::Open(o.uploads));
  INTAKE_ASSIGN_OR_RETURN(r->filer_, CaseFiler::Open(o.inbox, r->receipt_key_, o.verifier));
  r->tus_ = std::make_unique<TusService>(o.tus, *r->uploads_, *r->filer_);
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
    return FixedReply(HttpReply::Json(200, (*receipt)->ToJson()));
  }
  if (head.method == "GET" && head.path == "/cases") {
    return FixedReply(HttpReply::Json(200, nlohmann::json(filer_->List()).dump()));
  }
  for (const auto& route : options_.routes) {
    if (head.path.rfind(route.prefix, 0) == 0) {
      if (auto handler = route.handler(head)) return handler;
    }
  }
  return FixedReply(HttpReply::Text(404, "not found"));
}

}  // namespace intake::transfer
