#include "transfer/trust_store.h"

#include "core/file_util.h"
#include "transfer/digest.h"
#include "transfer/request_auth.h"

namespace intake::transfer {

namespace fs = std::filesystem;

namespace {
bool ValidKeyId(std::string_view id) {
  if (id.size() != 16) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
}  // namespace

Result<std::unique_ptr<TrustStore>> TrustStore::Open(const fs::path& dir) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir / "enrolled", 0750));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir / "revoked", 0750));
  return std::unique_ptr<TrustStore>(new TrustStore(dir));
}

Result<std::string> TrustStore::Enroll(const PublicKey& key) {
  std::string id = KeyId(key);
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir_ / "enrolled" / (id + ".pub"), PublicKeyHex(key) + "\n"));
  return id;
}

Status TrustStore::Revoke(std::string_view key_id, std::string_view reason) {
  if (!ValidKeyId(key_id)) return InvalidArgument("a key id is 16 hex characters");
  return WriteFileAtomic(dir_ / "revoked" / std::string(key_id), std::string(reason) + "\n");
}

Result<PublicKey> TrustStore::Lookup(std::string_view key_id) const {
  if (!ValidKeyId(key_id))
    return Status(Code::kPermissionDenied, "request carries no valid Intake-Key-Id");
  std::error_code ec;
  if (fs::exists(dir_ / "revoked" / std::string(key_id), ec))
    return Status(Code::kPermissionDenied, "workstation key " + std::string(key_id) + " is revoked");
  auto key = LoadPublicKeyFile(dir_ / "enrolled" / (std::string(key_id) + ".pub"));
  if (!key.ok())
    return Status(Code::kPermissionDenied,
                  "workstation key " + std::string(key_id) + " is not enrolled at this back office");
  return key;
}

Result<std::string> TrustStore::CheckRequest(const HttpRequestHead& head, int64_t now,
                                             int64_t tolerance_seconds) const {
  std::string key_id = head.Header("intake-key-id");
  INTAKE_ASSIGN_OR_RETURN(PublicKey key, Lookup(key_id));
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
  auto signature = Base64Decode(head.Header("intake-signature"));
  if (!signature.ok() ||
      !VerifySignature(key,
                       RequestSignedBytes(head.method, head.path, date, head.Header("upload-offset"),
                                          head.Header("upload-length")),
                       *signature))
    return Status(Code::kPermissionDenied, "request signature does not verify");
  return key_id;
}

}  // namespace intake::transfer
