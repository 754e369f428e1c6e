#include "paper/paper_settings.h"

#include <sodium.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"

namespace intake::paper {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Result<std::array<uint8_t, 32>> Hex32(const std::string& hex, const std::string& what) {
  std::array<uint8_t, 32> out{};
  size_t len = 0;
  if (hex.size() != 64 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != 32) {
    return Corrupt(what + " must be 64 hex digits");
  }
  return out;
}

}  // namespace

Result<Ed25519PublicKey> ParsePublicKeyHex(const std::string& hex) {
  return Hex32(Trim(hex), "a back-office public key");
}

std::string PublicKeyHex(const Ed25519PublicKey& key) {
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
  return hex;
}

Result<Ed25519PublicKey> ReadPublicKeyFile(const std::filesystem::path& path) {
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto key = ParsePublicKeyHex(text);
  if (!key.ok()) return key.status().WithContext(path.string());
  return key;
}

Result<ConfirmationSigner> ReadSignerSeedFile(const std::filesystem::path& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return Status(Code::kPermissionDenied,
                  path.string() + " is readable by others: chmod 600 it before use");
  }
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto seed = Hex32(Trim(text), "the confirmation key seed");
  sodium_memzero(text.data(), text.size());
  if (!seed.ok()) return seed.status().WithContext(path.string());
  auto signer = ConfirmationSigner::FromSeed(*seed);
  sodium_memzero(seed->data(), seed->size());
  return signer;
}

Result<Ed25519PublicKey> GenerateConfirmationKeyFiles(const std::filesystem::path& dir) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  auto seed_path = dir / "paper-confirm.seed";
  if (std::filesystem::exists(seed_path)) {
    return Status(Code::kAlreadyExists, seed_path.string() + " exists; not overwritten");
  }
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir, 0700));
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, seed.data(), seed.size());
  auto signer = ConfirmationSigner::FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  Status written = WriteFileAtomic(seed_path, std::string(hex) + "\n", 0600);
  sodium_memzero(hex, sizeof hex);
  INTAKE_RETURN_IF_ERROR(written);
  if (!signer.ok()) return signer.status();
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(dir / "paper-confirm.pub", PublicKeyHex(signer->public_key()) + "\n", 0644));
  return signer->public_key();
}

Result<PaperSettings> LoadPaperSettings(const std::filesystem::path& path) {
  PaperSettings s;
  if (!std::filesystem::exists(path)) {
    s.front_office = s.ledger.workstation;
    return s;
  }
  INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  std::string holidays_file;
  try {
    auto j = nlohmann::json::parse(text);
    s.ledger.workstation = j.value("workstation", s.ledger.workstation);
    s.front_office = j.value("front_office", s.ledger.workstation);
    s.ledger.deadlines.working_days = j.value("working_days", s.ledger.deadlines.working_days);
    s.ledger.deadlines.saturday_off = j.value("saturday_off", true);
    s.ledger.deadlines.sunday_off = j.value("sunday_off", true);
    s.ledger.retention_days = j.value("retention_days", s.ledger.retention_days);
    s.back_office = j.value("back_office", std::string());
    holidays_file = j.value("holidays_file", std::string());
    s.confirmation_key_file = j.value("confirmation_key_file", std::string());
    for (const auto& k : j.value("trusted_back_office_keys", std::vector<std::string>{})) {
      auto key = ParsePublicKeyHex(k);
      if (!key.ok()) return key.status().WithContext(path.string());
      s.trusted_back_office_keys.push_back(*key);
    }
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(path.string() + ": " + e.what());
  }
  if (s.ledger.deadlines.working_days < 1 || s.ledger.retention_days < 0) {
    return InvalidArgument(path.string() + ": working_days must be >= 1, retention_days >= 0");
  }
  if (!holidays_file.empty()) {
    INTAKE_ASSIGN_OR_RETURN(s.ledger.deadlines.holidays, LoadHolidays(holidays_file));
  }
  return s;
}

}  // namespace intake::paper
