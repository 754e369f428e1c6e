// DemoSetup: the embedded default of a fresh machine — a workstation and a back office on
// one host, with keys made and exchanged, a configuration, and sample pages for the virtual
// pnm scanner. Used by `intake demo` (the README's first command) and the end-to-end test.
//
// Layout under `root`:
//   workstation.json        the workstation configuration (spool, keys, scanner, back office)
//   spool/                  the workstation spool (cases, outbox, queue, paper ledger)
//   workstation-keys/       workstation signing + encryption keys, trusting the back office
//   back-office/keys/       the back office's keys
//   back-office/trust.json  the back office's trust store with this workstation enrolled
//   back-office/inbox/      where the receiver files delivered cases
//
// Idempotent: keys that exist are kept, so running the demo twice adds a second case.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

struct DemoLayout {
  std::filesystem::path root;
  std::filesystem::path config_file() const { return root / "workstation.json"; }
  std::filesystem::path workstation_keys() const { return root / "workstation-keys"; }
  std::filesystem::path back_office_keys() const { return root / "back-office" / "keys"; }
  std::filesystem::path trust_store() const { return root / "back-office" / "trust.json"; }
  std::filesystem::path inbox() const { return root / "back-office" / "inbox"; }
  std::filesystem::path spool() const { return root / "spool"; }
};

// Creates keys (when missing), exchanges them, writes workstation.json pointing at
// `receiver_url`, and returns the configuration.
Result<WorkstationConfig> PrepareDemo(const DemoLayout& layout, const std::string& receiver_url);

}  // namespace intake
