#include "transfer/request_auth.h"

#include "transfer/digest.h"

namespace intake::transfer {

std::string RequestSignedBytes(std::string_view method, std::string_view path,
                               std::string_view date, std::string_view upload_offset,
                               std::string_view upload_length) {
  std::string out = "intake-request-v1\n";
  for (std::string_view part : {method, path, date, upload_offset, upload_length}) {
    out.append(part);
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> SignRequest(const signing::SigningKeyPair& key, std::string_view method,
                                     std::string_view path, int64_t now,
                                     std::string_view upload_offset, std::string_view upload_length) {
  std::string date = std::to_string(now);
  std::string message = RequestSignedBytes(method, path, date, upload_offset, upload_length);
  signing::Signature signature = key.Sign(signing::AsBytes(message));
  return {"Intake-Key-Id: " + key.key_id(), "Intake-Date: " + date,
          "Intake-Signature: " +
              Base64Encode(std::string_view(reinterpret_cast<const char*>(signature.data()),
                                            signature.size()))};
}

Result<std::string> CheckSignedRequest(const HttpRequestHead& head,
                                       const signing::TrustStore& trust, int64_t now,
                                       int64_t tolerance_seconds) {
  std::string key_id = head.Header("intake-key-id");
  if (key_id.empty())
    return Status(Code::kPermissionDenied, "request is not signed by a workstation key");
  const signing::TrustedKey* key = trust.Find(key_id);
  if (!key)
    return Status(Code::kPermissionDenied,
                  "workstation key " + key_id + " is not enrolled at this back office");
  if (key->revoked_at)
    return Status(Code::kPermissionDenied,
                  "workstation key " + key_id + " was revoked at " + *key->revoked_at);
  std::string date = head.Header("intake-date");
  int64_t when = 0;
  try {
    when = std::stoll(date);
  } catch (...) {
    return Status(Code::kPermissionDenied, "request has no valid Intake-Date");
  }
  if (when > now + tolerance_seconds || when < now - tolerance_seconds)
    return Status(Code::kPermissionDenied,
                  "request date is " + std::to_string(when - now) +
                      " s off the receiver's clock (tolerance " + std::to_string(tolerance_seconds) +
                      " s); set the workstation's clock (NTP)");
  auto raw = Base64Decode(head.Header("intake-signature"));
  signing::Signature signature{};
  if (!raw.ok() || raw->size() != signature.size())
    return Status(Code::kPermissionDenied, "request has no valid Intake-Signature");
  std::copy(raw->begin(), raw->end(), signature.begin());
  std::string message = RequestSignedBytes(head.method, head.path, date,
                                           head.Header("upload-offset"), head.Header("upload-length"));
  if (!signing::VerifyEd25519(key->sign_public, signing::AsBytes(message), signature))
    return Status(Code::kPermissionDenied, "request signature does not verify");
  return key_id;
}

std::string UrlPath(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return "/";
  std::string_view path = url.substr(start);
  size_t query = path.find_first_of("?#");
  return std::string(path.substr(0, query));
}

}  // namespace intake::transfer
