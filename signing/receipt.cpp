#include "signing/receipt.h"

#include <utility>
#include <vector>

#include "signing/encoding.h"

namespace intake::signing {

namespace {

constexpr std::string_view kHeader = "intake-receipt/1\n";
constexpr std::string_view kSignatureLabel = "signature: ";
const char* const kLabels[] = {"case_id", "package_hash", "received_at", "back_office", "status",
                               "key_id"};

std::vector<std::string*> Fields(Receipt& r) {
  return {&r.case_id, &r.package_hash, &r.received_at, &r.back_office, &r.status, &r.key_id};
}

// Parses the signed part; returns the receipt and the signature text.
Result<std::pair<Receipt, std::string>> Split(std::string_view blob, size_t* signed_size) {
  if (blob.size() > 8192) return InvalidArgument("receipt is larger than 8 KiB");
  if (blob.substr(0, kHeader.size()) != kHeader) {
    return InvalidArgument("not an intake receipt (no 'intake-receipt/1' line)");
  }
  size_t pos = kHeader.size();
  Receipt r;
  std::vector<std::string*> fields = Fields(r);
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string prefix = std::string(kLabels[i]) + ": ";
    size_t eol = blob.find('\n', pos);
    if (eol == std::string_view::npos || blob.substr(pos, prefix.size()) != prefix) {
      return InvalidArgument("receipt line " + std::to_string(i + 2) + " must be '" + prefix + "...'");
    }
    *fields[i] = std::string(blob.substr(pos + prefix.size(), eol - pos - prefix.size()));
    if (fields[i]->empty()) return InvalidArgument(std::string("receipt has an empty ") + kLabels[i]);
    pos = eol + 1;
  }
  *signed_size = pos;
  if (blob.substr(pos, kSignatureLabel.size()) != kSignatureLabel) {
    return InvalidArgument("receipt lacks its signature line");
  }
  size_t eol = blob.find('\n', pos);
  if (eol == std::string_view::npos || eol + 1 != blob.size()) {
    return InvalidArgument("receipt has bytes after its signature line");
  }
  std::string sig(blob.substr(pos + kSignatureLabel.size(), eol - pos - kSignatureLabel.size()));
  return std::pair{std::move(r), std::move(sig)};
}

}  // namespace

Result<std::string> SignReceipt(const Receipt& receipt, const Signer& signer) {
  Receipt r = receipt;
  r.key_id = signer.key_id();
  std::string body(kHeader);
  std::vector<std::string*> fields = Fields(r);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->empty() || fields[i]->find_first_of("\r\n") != std::string::npos) {
      return InvalidArgument(std::string("receipt field ") + kLabels[i] +
                             " is empty or holds a line break");
    }
    body += std::string(kLabels[i]) + ": " + *fields[i] + "\n";
  }
  INTAKE_ASSIGN_OR_RETURN(DetachedSignature sig, signer.Sign(AsBytes(body)));
  return body + std::string(kSignatureLabel) + ToBase64(sig.bytes) + "\n";
}

Result<Receipt> ParseReceipt(std::string_view blob) {
  size_t signed_size = 0;
  INTAKE_ASSIGN_OR_RETURN(auto parts, Split(blob, &signed_size));
  return std::move(parts.first);
}

Result<Receipt> VerifyReceipt(std::string_view blob, const Verifier& verifier) {
  size_t signed_size = 0;
  INTAKE_ASSIGN_OR_RETURN(auto parts, Split(blob, &signed_size));
  DetachedSignature sig;
  sig.algorithm = std::string(kAlgorithmEd25519);
  sig.key_id = parts.first.key_id;
  Result<std::vector<uint8_t>> bytes = FromBase64(parts.second);
  if (!bytes.ok()) return Corrupt("receipt signature is not base64");
  sig.bytes = std::move(bytes).value();
  Status verified = verifier.Verify(sig, AsBytes(blob.substr(0, signed_size)));
  if (!verified.ok()) return verified.WithContext("receipt for case " + parts.first.case_id);
  return std::move(parts.first);
}

}  // namespace intake::signing
