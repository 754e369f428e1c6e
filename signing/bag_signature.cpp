#include "signing/bag_signature.h"

#include <map>

#include "signing/encoding.h"

namespace intake::signing {

namespace {
constexpr std::string_view kFormat = "intake-detached/1";
}

std::string FormatBagSignature(const DetachedSignature& s) {
  std::string out;
  out += "Signature-Format: " + std::string(kFormat) + "\n";
  out += "Algorithm: " + s.algorithm + "\n";
  out += "Key-Id: " + s.key_id + "\n";
  out += "Signed-File: " + std::string(kSignedTagManifest) + "\n";
  out += "Signature: " + ToBase64(s.bytes) + "\n";
  return out;
}

Result<DetachedSignature> ParseBagSignature(std::string_view text) {
  if (text.size() > 16384) return InvalidArgument("signature file is larger than 16 KiB");
  std::map<std::string, std::string, std::less<>> fields;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) {
      return InvalidArgument("signature file line " + std::to_string(line_no) +
                             " is not 'Label: value'");
    }
    std::string label(line.substr(0, colon));
    if (!fields.emplace(label, std::string(line.substr(colon + 2))).second) {
      return InvalidArgument("signature file repeats '" + label + "'");
    }
  }
  auto need = [&](std::string_view label) -> Result<std::string> {
    auto it = fields.find(label);
    if (it == fields.end()) {
      return InvalidArgument("signature file lacks '" + std::string(label) + "'");
    }
    return it->second;
  };
  INTAKE_ASSIGN_OR_RETURN(std::string format, need("Signature-Format"));
  if (format != kFormat) {
    return InvalidArgument("signature format '" + format + "' is not " + std::string(kFormat));
  }
  INTAKE_ASSIGN_OR_RETURN(std::string signed_file, need("Signed-File"));
  if (signed_file != kSignedTagManifest) {
    return InvalidArgument("signature covers '" + signed_file + "', expected " +
                           std::string(kSignedTagManifest));
  }
  DetachedSignature s;
  INTAKE_ASSIGN_OR_RETURN(s.algorithm, need("Algorithm"));
  INTAKE_ASSIGN_OR_RETURN(s.key_id, need("Key-Id"));
  INTAKE_ASSIGN_OR_RETURN(std::string b64, need("Signature"));
  INTAKE_ASSIGN_OR_RETURN(s.bytes, FromBase64(b64));
  return s;
}

}  // namespace intake::signing
