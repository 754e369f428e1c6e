// Settings of the paper side of a workstation or back office, from an optional JSON file
// (<spool>/paper/paper.json), so deadlines and retention are configuration, not code:
//   {"workstation": "WS01", "front_office": "ЦНАП … (WS01)", "working_days": 10,
//    "saturday_off": true, "holidays_file": "/etc/intake/holidays.txt", "retention_days": 30,
//    "back_office": "uszn-district-1",
//    "trusted_back_office_keys": ["<64 hex Ed25519 public key>", ...],
//    "confirmation_key_file": "/etc/intake/back-office/paper-confirm.seed"}
// Missing keys keep their defaults. Thread safety: pure.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/confirmation.h"
#include "paper/paper_ledger.h"

namespace intake::paper {

struct PaperSettings {
  LedgerOptions ledger;                      // workstation, deadlines, retention
  std::string front_office;                  // printed on registers; default: the workstation id
  std::string back_office;                   // default receiving back office (workstation) or
                                             // this back office (back-office desk)
  std::vector<Ed25519PublicKey> trusted_back_office_keys;
  std::filesystem::path confirmation_key_file;  // back office: 64 hex seed, mode 0600
};

// Reads the file when it exists; defaults otherwise. Loads the holiday file it names.
Result<PaperSettings> LoadPaperSettings(const std::filesystem::path& path);

// Key files hold 64 hex digits (a public key, or the secret seed), optionally followed by '\n'.
Result<Ed25519PublicKey> ReadPublicKeyFile(const std::filesystem::path& path);
Result<ConfirmationSigner> ReadSignerSeedFile(const std::filesystem::path& path);
// Generates a back-office confirmation key pair: <dir>/paper-confirm.seed (0600) and
// <dir>/paper-confirm.pub. kAlreadyExists when the seed exists (never overwritten).
Result<Ed25519PublicKey> GenerateConfirmationKeyFiles(const std::filesystem::path& dir);

Result<Ed25519PublicKey> ParsePublicKeyHex(const std::string& hex);
std::string PublicKeyHex(const Ed25519PublicKey& key);

}  // namespace intake::paper
