#include "signing/public_key_bundle.h"

#include <nlohmann/json.hpp>

#include "signing/encoding.h"

namespace intake::signing {

namespace {
constexpr std::string_view kFormat = "intake-public-keys/1";
}

std::string PublicKeyBundle::ToJson() const {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["role"] = role;
  j["name"] = name;
  j["created_at"] = created_at;
  j["sign_public"] = ToHex(sign_public);
  j["sign_key_id"] = sign_key_id();
  j["box_public"] = ToHex(box_public);
  j["box_key_id"] = box_key_id();
  return j.dump(2) + "\n";
}

Result<PublicKeyBundle> PublicKeyBundle::FromJson(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgument("public key file is not a JSON object");
  }
  auto text = [&](const char* key) -> Result<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
      return InvalidArgument(std::string("public key file lacks the string field '") + key + "'");
    }
    return it->get<std::string>();
  };
  INTAKE_ASSIGN_OR_RETURN(std::string format, text("format"));
  if (format != kFormat) {
    return InvalidArgument("public key file has format '" + format + "', expected '" +
                           std::string(kFormat) + "'");
  }
  PublicKeyBundle b;
  INTAKE_ASSIGN_OR_RETURN(b.role, text("role"));
  if (b.role != kRoleWorkstation && b.role != kRoleBackOffice) {
    return InvalidArgument("public key file has unknown role '" + b.role + "'");
  }
  INTAKE_ASSIGN_OR_RETURN(b.name, text("name"));
  INTAKE_ASSIGN_OR_RETURN(b.created_at, text("created_at"));
  INTAKE_ASSIGN_OR_RETURN(std::string sign_hex, text("sign_public"));
  INTAKE_ASSIGN_OR_RETURN(std::string box_hex, text("box_public"));
  INTAKE_ASSIGN_OR_RETURN(b.sign_public, ParsePublicKey(sign_hex));
  INTAKE_ASSIGN_OR_RETURN(b.box_public, ParsePublicKey(box_hex));
  for (auto [field, actual] : {std::pair{"sign_key_id", b.sign_key_id()},
                               std::pair{"box_key_id", b.box_key_id()}}) {
    auto it = j.find(field);
    if (it != j.end() && (!it->is_string() || it->get<std::string>() != actual)) {
      return Corrupt(std::string("public key file: ") + field + " does not match the key (expected " +
                     actual + ")");
    }
  }
  return b;
}

}  // namespace intake::signing
