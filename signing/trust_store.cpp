#include "signing/trust_store.h"

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "signing/encoding.h"

namespace intake::signing {

namespace {
constexpr std::string_view kFormat = "intake-trust-store/1";
}

Result<std::vector<TrustedKey>> TrustStore::ParseJson(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument("trust store is not a JSON object");
  auto format = j.find("format");
  if (format == j.end() || !format->is_string() || format->get<std::string>() != kFormat) {
    return InvalidArgument("trust store format is not " + std::string(kFormat));
  }
  auto list = j.find("keys");
  if (list == j.end() || !list->is_array()) return InvalidArgument("trust store has no 'keys' array");
  std::vector<TrustedKey> keys;
  for (const auto& k : *list) {
    if (!k.is_object()) return InvalidArgument("trust store entry is not an object");
    auto text = [&](const char* f) -> Result<std::string> {
      auto it = k.find(f);
      if (it == k.end() || !it->is_string()) {
        return InvalidArgument(std::string("trust store entry lacks '") + f + "'");
      }
      return it->get<std::string>();
    };
    TrustedKey t;
    INTAKE_ASSIGN_OR_RETURN(t.key_id, text("key_id"));
    INTAKE_ASSIGN_OR_RETURN(t.name, text("name"));
    INTAKE_ASSIGN_OR_RETURN(t.enrolled_at, text("enrolled_at"));
    INTAKE_ASSIGN_OR_RETURN(std::string sign, text("sign_public"));
    INTAKE_ASSIGN_OR_RETURN(std::string box, text("box_public"));
    INTAKE_ASSIGN_OR_RETURN(t.sign_public, ParsePublicKey(sign));
    INTAKE_ASSIGN_OR_RETURN(t.box_public, ParsePublicKey(box));
    if (KeyIdOf(t.sign_public) != t.key_id) {
      return Corrupt("trust store entry " + t.key_id + " does not match its public key");
    }
    auto revoked = k.find("revoked_at");
    if (revoked != k.end() && !revoked->is_null()) {
      if (!revoked->is_string()) return InvalidArgument("trust store: revoked_at is not a string");
      t.revoked_at = revoked->get<std::string>();
      auto reason = k.find("revocation_reason");
      if (reason != k.end() && reason->is_string()) t.revocation_reason = reason->get<std::string>();
    }
    keys.push_back(std::move(t));
  }
  return keys;
}

std::string TrustStore::ToJson() const {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["keys"] = nlohmann::ordered_json::array();
  for (const TrustedKey& t : keys_) {
    nlohmann::ordered_json k;
    k["key_id"] = t.key_id;
    k["name"] = t.name;
    k["sign_public"] = ToHex(t.sign_public);
    k["box_public"] = ToHex(t.box_public);
    k["enrolled_at"] = t.enrolled_at;
    k["revoked_at"] = t.revoked_at ? nlohmann::ordered_json(*t.revoked_at) : nullptr;
    k["revocation_reason"] = t.revocation_reason;
    j["keys"].push_back(std::move(k));
  }
  return j.dump(2) + "\n";
}

Result<TrustStore> TrustStore::Load(const std::filesystem::path& path) {
  TrustStore store;
  store.path_ = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return store;
  INTAKE_ASSIGN_OR_RETURN(std::string json, ReadFile(path));
  Result<std::vector<TrustedKey>> keys = ParseJson(json);
  if (!keys.ok()) return keys.status().WithContext(path.string());
  store.keys_ = std::move(keys).value();
  return store;
}

Status TrustStore::Save() const { return WriteFileAtomic(path_, ToJson(), 0644); }

const TrustedKey* TrustStore::Find(std::string_view key_id) const {
  for (const TrustedKey& t : keys_) {
    if (t.key_id == key_id) return &t;
  }
  return nullptr;
}

Status TrustStore::Enroll(const PublicKeyBundle& ws, std::string_view enrolled_at) {
  if (ws.role != kRoleWorkstation) {
    return InvalidArgument("only workstation keys are enrolled; this key file is for a " + ws.role);
  }
  if (const TrustedKey* existing = Find(ws.sign_key_id())) {
    if (existing->revoked_at) {
      return Status(Code::kFailedPrecondition,
                    "key " + existing->key_id + " was revoked at " + *existing->revoked_at +
                        "; the workstation must rotate its keys and enrol the new ones");
    }
    return Status::Ok();
  }
  TrustedKey t;
  t.key_id = ws.sign_key_id();
  t.name = ws.name;
  t.sign_public = ws.sign_public;
  t.box_public = ws.box_public;
  t.enrolled_at = std::string(enrolled_at);
  keys_.push_back(std::move(t));
  return Status::Ok();
}

Status TrustStore::Revoke(std::string_view key_id, std::string_view reason,
                          std::string_view revoked_at) {
  for (TrustedKey& t : keys_) {
    if (t.key_id != key_id) continue;
    if (!t.revoked_at) {
      t.revoked_at = std::string(revoked_at);
      t.revocation_reason = std::string(reason);
    }
    return Status::Ok();
  }
  return NotFound("key " + std::string(key_id) + " is not enrolled in " + path_.string());
}

Status TrustStore::Verify(const DetachedSignature& signature,
                          std::span<const uint8_t> message) const {
  const TrustedKey* t = Find(signature.key_id);
  if (t == nullptr) {
    return Status(Code::kPermissionDenied,
                  "signing key " + signature.key_id + " is not enrolled at this back office");
  }
  if (t->revoked_at) {
    return Status(Code::kPermissionDenied,
                  "signing key " + t->key_id + " of workstation " + t->name + " was revoked at " +
                      *t->revoked_at +
                      (t->revocation_reason.empty() ? "" : " (" + t->revocation_reason + ")"));
  }
  return CheckEd25519(t->sign_public, signature, message);
}

}  // namespace intake::signing
