// The workstation's configuration: one JSON file (default /etc/intake/workstation.json,
// or --config PATH), read at start by intaked, intake-transferd and the intake CLI.
//
// Example:
//   {"workstation_id": "WS01", "operator": "operator-1",
//    "spool_dir": "/var/lib/intake", "keys_dir": "/var/lib/intake/keys",
//    "scanner": {"device": "pnm:0", "sane_config_dir": "", "source": "", "resolution": 300,
//                "mode": "Gray"},
//    "service": "low_income_family_assistance",
//    "back_office": {"id": "uszn-district-1", "url": "http://127.0.0.1:8470",
//                    "keys_dir": "/etc/intake/back-office"},
//    "daemon": {"watch_dir": "/srv/scans/inbox", "profiles_file": "/etc/intake/profiles.json",
//               "buttons": {"scan": "forms"}, "button_poll_ms": 500, "settle_ms": 2000,
//               "watch_profile": "forms", "housekeeping_s": 300, "kiosk_listen": "127.0.0.1:8480",
//               "login_idle_s": 900},
//    "operators": [{"id": "operator-1", "name": "Олена Т.", "pin_hash": "$argon2id$..."}]}
// "operators" (optional): who may log in on the kiosk; pin_hash from `intake operators hash`.
// With none, the kiosk needs no login and cases carry "operator" (as before).
// Which back office receives cases is configuration, never code (DOMAIN.md).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

struct ScannerConfig {
  std::string device = "pnm:0";
  std::string sane_config_dir;  // empty: the embedded default under spool_dir/sane
  std::string source;           // empty: the device default
  std::string mode = "Gray";
  int resolution = 300;
};

struct BackOfficeConfig {
  std::string id = "uszn-district-1";
  std::string url = "http://127.0.0.1:8470";
  std::filesystem::path keys_dir;  // the back office's public keys the workstation trusts
};

// The long-running intaked (docs/daemon.md). Every key is optional.
struct DaemonConfig {
  std::filesystem::path watch_dir;      // a network scanner's inbox folder; empty: none
  std::filesystem::path profiles_file;  // scan profiles + "buttons" (capture/scan_profile.h);
                                        // empty: the built-in profiles and `buttons` below
  std::map<std::string, std::string> buttons;  // scanner button -> profile name
  int button_poll_ms = 500;             // 0: do not poll the scanner's buttons
  int settle_ms = 2000;  // a file that raised no close/rename event: complete when unchanged this long
  std::string watch_profile;            // profile the watched folder's pages are checked
                                        // against (length, dpi); empty: blank/dark/light only
  int housekeeping_s = 300;             // overdue paper, purge, delivery sync
  std::string kiosk_listen = "127.0.0.1:8480";  // loopback only
  int login_idle_s = 900;  // a kiosk login ends after this long without an action
};

// An operator who may log in on the kiosk. The id goes into case.json and the log; the name
// is shown on the screen only; the PIN is kept as a libsodium argon2id string, never itself.
struct OperatorConfig {
  std::string id;        // 1-64 of [A-Za-z0-9._-]
  std::string name;      // display name (may be Ukrainian)
  std::string pin_hash;  // "$argon2id$..." (crypto_pwhash_str)
};

struct WorkstationConfig {
  std::string workstation_id = "WS01";
  std::string operator_id = "operator-1";
  std::string service = "low_income_family_assistance";
  std::filesystem::path spool_dir = "/var/lib/intake";
  std::filesystem::path keys_dir;  // empty: spool_dir/keys
  ScannerConfig scanner;
  BackOfficeConfig back_office;
  DaemonConfig daemon;
  std::vector<OperatorConfig> operators;  // empty: the kiosk needs no login

  std::filesystem::path cases_dir() const { return spool_dir / "cases"; }
  std::filesystem::path outbox_dir() const { return spool_dir / "outbox"; }
  std::filesystem::path queue_path() const { return spool_dir / "transfer-queue.db"; }
  std::filesystem::path workstation_keys_dir() const {
    return keys_dir.empty() ? spool_dir / "keys" : keys_dir;
  }
};

// Parses and validates; errors name the field and what is allowed.
Result<WorkstationConfig> ParseWorkstationConfig(const std::string& json_text);
Result<WorkstationConfig> LoadWorkstationConfig(const std::filesystem::path& path);
std::string WorkstationConfigToJson(const WorkstationConfig& config);

}  // namespace intake
