#include "paper/confirmation.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "signing/encoding.h"

namespace intake::paper {
namespace {

constexpr const char* kType = "intake.paper-confirmation/2";

std::string_view OutcomeName(ItemOutcome o) {
  switch (o) {
    case ItemOutcome::kReceived: return "received";
    case ItemOutcome::kMissing: return "missing";
    case ItemOutcome::kExtra: return "extra";
  }
  return "?";
}

Result<ItemOutcome> ParseOutcome(const std::string& s) {
  if (s == "received") return ItemOutcome::kReceived;
  if (s == "missing") return ItemOutcome::kMissing;
  if (s == "extra") return ItemOutcome::kExtra;
  return Corrupt("unknown item outcome '" + s + "'");
}

}  // namespace

std::string ConfirmationToJson(const PaperConfirmation& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : c.items) {
    items.push_back({{"item_id", i.item_id}, {"case_id", i.case_id},
                     {"outcome", OutcomeName(i.outcome)}});
  }
  nlohmann::json j = {{"confirmation_id", c.confirmation_id},
                      {"register_id", c.register_id},
                      {"back_office", c.back_office},
                      {"received_at", c.received_at},
                      {"received_by", c.received_by},
                      {"reconciled_at", c.reconciled_at},
                      {"items", items},
                      {"cases_without_ecase", c.cases_without_ecase},
                      {"register_received_before", c.register_received_before}};
  return j.dump();
}

Result<PaperConfirmation> ConfirmationFromJson(const std::string& json) {
  PaperConfirmation c;
  try {
    auto j = nlohmann::json::parse(json);
    c.confirmation_id = j.at("confirmation_id").get<std::string>();
    c.register_id = j.at("register_id").get<std::string>();
    c.back_office = j.at("back_office").get<std::string>();
    c.received_at = j.at("received_at").get<std::string>();
    c.received_by = j.at("received_by").get<std::string>();
    c.reconciled_at = j.at("reconciled_at").get<std::string>();
    for (const auto& i : j.at("items")) {
      INTAKE_ASSIGN_OR_RETURN(ItemOutcome o, ParseOutcome(i.at("outcome").get<std::string>()));
      c.items.push_back({i.at("item_id").get<std::string>(), i.at("case_id").get<std::string>(), o});
    }
    c.cases_without_ecase = j.at("cases_without_ecase").get<std::vector<std::string>>();
    c.register_received_before = j.at("register_received_before").get<bool>();
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("paper confirmation is malformed: ") + e.what());
  }
  return c;
}

Result<std::string> SignConfirmation(const PaperConfirmation& confirmation,
                                     const signing::Signer& signer) {
  std::string payload = ConfirmationToJson(confirmation);
  INTAKE_ASSIGN_OR_RETURN(signing::DetachedSignature sig, signer.Sign(signing::AsBytes(payload)));
  nlohmann::json wire = {{"type", kType},
                         {"algorithm", sig.algorithm},
                         {"key_id", sig.key_id},
                         {"payload", payload},
                         {"signature", signing::ToBase64(sig.bytes)}};
  return wire.dump();
}

Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const signing::Verifier& verifier) {
  signing::DetachedSignature sig;
  std::string payload, signature_b64;
  try {
    auto j = nlohmann::json::parse(wire);
    if (j.at("type").get<std::string>() != kType) {
      return Corrupt("not a paper confirmation (type " + j.at("type").get<std::string>() + ")");
    }
    sig.algorithm = j.at("algorithm").get<std::string>();
    sig.key_id = j.at("key_id").get<std::string>();
    payload = j.at("payload").get<std::string>();
    signature_b64 = j.at("signature").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("paper confirmation message is malformed: ") + e.what());
  }
  auto bytes = signing::FromBase64(signature_b64);
  if (!bytes.ok()) return Corrupt("paper confirmation signature is not base64");
  sig.bytes = std::move(*bytes);
  Status verified = verifier.Verify(sig, signing::AsBytes(payload));
  if (verified.code() == Code::kPermissionDenied) {
    return Status(Code::kPermissionDenied, "paper confirmation signed by key " + sig.key_id +
                                               ", which this workstation does not trust as its "
                                               "back office (intake keys trust)");
  }
  if (!verified.ok()) {
    return Corrupt("paper confirmation signature does not verify (message altered?): " +
                   verified.message());
  }
  return ConfirmationFromJson(payload);
}

Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const std::vector<Ed25519PublicKey>& trusted) {
  signing::Ed25519Verifier verifier;
  for (const auto& key : trusted) verifier.Add(key);
  return VerifyConfirmation(wire, verifier);
}

}  // namespace intake::paper
