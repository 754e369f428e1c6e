#include "transfer/receipt.h"

#include <ctime>

#include <nlohmann/json.hpp>

#include "transfer/digest.h"

namespace intake::transfer {

std::string Receipt::SignedBytes() const {
  return "intake-receipt-v1\n" + case_id + "\n" + package_sha256 + "\n" + received_at + "\n";
}

std::string Receipt::ToJson() const {
  nlohmann::json j = {{"v", 1},
                      {"case_id", case_id},
                      {"package_sha256", package_sha256},
                      {"received_at", received_at},
                      {"key_id", key_id},
                      {"signature", Base64Encode(signature)}};
  return j.dump();
}

Result<Receipt> Receipt::FromJson(std::string_view json) {
  try {
    auto j = nlohmann::json::parse(json);
    if (j.value("v", 0) != 1) return Corrupt("receipt: unsupported version");
    Receipt r;
    r.case_id = j.at("case_id").get<std::string>();
    r.package_sha256 = j.at("package_sha256").get<std::string>();
    r.received_at = j.at("received_at").get<std::string>();
    r.key_id = j.at("key_id").get<std::string>();
    INTAKE_ASSIGN_OR_RETURN(r.signature, Base64Decode(j.at("signature").get<std::string>()));
    return r;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("receipt is not valid JSON: ") + e.what());
  }
}

Receipt IssueReceipt(const SigningKey& key, std::string case_id, std::string package_sha256,
                     std::string received_at) {
  Receipt r{std::move(case_id), std::move(package_sha256), std::move(received_at), key.key_id(), {}};
  r.signature = key.Sign(r.SignedBytes());
  return r;
}

Status VerifyReceipt(const Receipt& receipt, const PublicKey& back_office_key,
                     std::string_view case_id, std::string_view package_sha256) {
  if (receipt.key_id != KeyId(back_office_key))
    return Status(Code::kPermissionDenied,
                  "receipt signed by key " + receipt.key_id + ", not by the configured back-office key " +
                      KeyId(back_office_key) + " (check --receipt-key)");
  if (!VerifySignature(back_office_key, receipt.SignedBytes(), receipt.signature))
    return Status(Code::kPermissionDenied, "receipt signature does not verify");
  if (receipt.case_id != case_id)
    return Corrupt("receipt names case " + receipt.case_id + ", expected " + std::string(case_id));
  if (receipt.package_sha256 != package_sha256)
    return Corrupt("receipt hash " + receipt.package_sha256 + " differs from the package sent " +
                   std::string(package_sha256));
  return Status::Ok();
}

std::string FormatUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace intake::transfer
