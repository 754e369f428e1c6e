#include "paper/confirmation.h"

#include <sodium.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>

namespace intake::paper {
namespace {

constexpr const char* kType = "intake.paper-confirmation/1";

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

std::string Base64(const unsigned char* data, size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace

std::string KeyIdOf(const Ed25519PublicKey& key) {
  unsigned char digest[8];
  crypto_generichash(digest, sizeof digest, key.data(), key.size(), nullptr, 0);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

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

Result<ConfirmationSigner> ConfirmationSigner::FromSeed(const std::array<uint8_t, 32>& seed) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  ConfirmationSigner signer;
  signer.secret_ = static_cast<unsigned char*>(sodium_malloc(crypto_sign_SECRETKEYBYTES));
  if (!signer.secret_) return Status(Code::kResourceExhausted, "sodium_malloc failed for a signing key");
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_, seed.data());
  return signer;
}

Result<ConfirmationSigner> ConfirmationSigner::Generate() {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  auto signer = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

ConfirmationSigner::~ConfirmationSigner() {
  if (secret_) sodium_free(secret_);
}

ConfirmationSigner::ConfirmationSigner(ConfirmationSigner&& other) noexcept
    : secret_(std::exchange(other.secret_, nullptr)), public_key_(other.public_key_) {}

ConfirmationSigner& ConfirmationSigner::operator=(ConfirmationSigner&& other) noexcept {
  if (this != &other) {
    if (secret_) sodium_free(secret_);
    secret_ = std::exchange(other.secret_, nullptr);
    public_key_ = other.public_key_;
  }
  return *this;
}

std::string ConfirmationSigner::key_id() const { return KeyIdOf(public_key_); }

Result<std::string> ConfirmationSigner::Sign(const PaperConfirmation& confirmation) const {
  if (!secret_) return Internal("signing with a moved-from ConfirmationSigner");
  std::string payload = ConfirmationToJson(confirmation);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(payload.data()),
                       payload.size(), secret_);
  nlohmann::json wire = {{"type", kType}, {"key_id", key_id()}, {"payload", payload},
                         {"signature", Base64(sig, sizeof sig)}};
  return wire.dump();
}

Result<PaperConfirmation> VerifyConfirmation(const std::string& wire,
                                             const std::vector<Ed25519PublicKey>& trusted) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  std::string key_id, payload, signature_b64;
  try {
    auto j = nlohmann::json::parse(wire);
    if (j.at("type").get<std::string>() != kType) {
      return Corrupt("not a paper confirmation (type " + j.at("type").get<std::string>() + ")");
    }
    key_id = j.at("key_id").get<std::string>();
    payload = j.at("payload").get<std::string>();
    signature_b64 = j.at("signature").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("paper confirmation message is malformed: ") + e.what());
  }
  unsigned char sig[crypto_sign_BYTES];
  size_t sig_len = 0;
  if (sodium_base642bin(sig, sizeof sig, signature_b64.data(), signature_b64.size(), nullptr,
                        &sig_len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      sig_len != sizeof sig) {
    return Corrupt("paper confirmation signature is not 64 bytes of base64");
  }
  const Ed25519PublicKey* key = nullptr;
  for (const auto& k : trusted) {
    if (KeyIdOf(k) == key_id) key = &k;
  }
  if (!key) {
    return Status(Code::kPermissionDenied,
            "paper confirmation signed by key " + key_id + ", which this workstation does not trust");
  }
  if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(payload.data()),
                                  payload.size(), key->data()) != 0) {
    return Corrupt("paper confirmation signature does not verify (message altered?)");
  }
  return ConfirmationFromJson(payload);
}

}  // namespace intake::paper
