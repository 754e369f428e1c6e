// DaemonStatus: what the front desk sees of intaked — the current case, the scanner, the
// transfer queue and overdue paper — as one snapshot for the kiosk screen and GET /api/status.
//
// Only what the operator at the desk needs: case ids, page counts, page-check reasons, which
// fields validated (names and a yes/no, never the values), queue states. No applicant names,
// numbers or recognised text: the list of old cases shows ids and states only.
//
// Thread safety: value types; DaemonStatusToJson is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workstation/housekeeping.h"
#include "workstation/kiosk_login.h"

namespace intake {

struct FlaggedPage {
  int page = 0;
  std::vector<std::string> reasons_uk;  // page checks: too dark, nearly blank, too long...
};

struct CheckedPage {                    // after recognition ("Перевірити")
  int page = 0;
  bool blank = false;
  std::string doc_type;                 // "application_form", ...
  bool needs_review = false;
  struct Field {
    std::string name;                   // "rnokpp", "iban", ... (the value is not shown)
    bool valid = false;
  };
  std::vector<Field> fields;
};

struct OpenCase {                       // open cases in the spool (not sealed yet)
  std::string case_id;
  int pages = 0;
};

struct QueueEntry {
  std::string case_id;
  std::string state;                    // "queued", "uploading", "delivered", "purged"
  int attempts = 0;
  std::string last_error;               // English, from the transfer daemon
};

struct DaemonStatus {
  std::string workstation_id;
  std::string activity = "idle";        // idle, scanning, importing, recognising, sealing
  std::string case_id;                  // "" = no current case
  int pages = 0;
  std::vector<FlaggedPage> flagged;
  std::vector<CheckedPage> checked;
  std::string fault_uk;                 // the last problem for the operator ("" = none)
  std::string message_uk;               // the last thing done ("" = none)
  bool scanner_ready = false;
  std::vector<std::string> profiles;
  std::vector<OpenCase> open_cases;
  std::vector<QueueEntry> queue;        // newest first, at most 20
  std::vector<OverdueEntry> overdue;
  int pending_requests = 0;
  int64_t revision = 0;                 // grows with every change
  // The kiosk login (kiosk_login.h): ids and display names only, never a PIN or its hash.
  bool login_required = false;
  std::vector<DeskOperator> operators;  // who may log in
  std::optional<DeskOperator> logged_in;
};

std::string DaemonStatusToJson(const DaemonStatus& status);

}  // namespace intake
