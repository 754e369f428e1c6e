// Value types of the paper-originals ledger: items, custody stages and events.
// Plain structs; thread-safe as values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::paper {

enum class PaperKind { kOriginal, kCopy };
std::string_view KindName(PaperKind kind);           // "original" | "copy"
Result<PaperKind> ParseKind(std::string_view name);

// Where an item is in its custody chain. An item reported missing by the back office goes back
// to the desk's pile: it may be packed into a new register.
enum class Stage {
  kRecorded,         // taken at the desk, waiting for a register
  kPacked,           // listed in a transmittal register
  kHandedToCourier,  // the register left the office
  kReceived,         // the back office scanned it in
  kMissing,          // the back office reported it missing from the bundle
  kReconciled,       // the back office checked it against the register: done
};
std::string_view StageName(Stage stage);
Result<Stage> ParseStage(std::string_view name);
// Stages in which the item is still the front office's responsibility (counts for overdue).
bool IsOutstanding(Stage stage);

struct PaperItemSpec {
  std::string item_id;          // "<case_id>-<n>"
  std::string document;         // document id in case.json ("d1"), may be empty
  std::string document_class;   // e.g. "application_form"; "" when unknown
  PaperKind kind = PaperKind::kOriginal;
  int sheets = 1;
};

// What the desk hands over for one case. No personal data besides the initials, which are
// printed on the cover sheet and purged with the case.
struct CaseIntake {
  std::string case_id;
  std::string back_office;      // receiving back office id (configuration)
  std::string initials;         // applicant's initials, e.g. "Ш. Т. Г."
  std::string case_dir;         // the case folder, purged after retention ("" = none)
  std::string actor;            // operator id
  std::string place;            // workstation / office id
  std::vector<PaperItemSpec> items;
};

struct PaperItem {
  PaperItemSpec spec;
  std::string case_id;
  std::string back_office;
  Stage stage = Stage::kRecorded;
  std::optional<std::string> register_id;
  std::string recorded_at;      // UTC instant
  std::string due_date;         // YYYY-MM-DD
};

struct CustodyEvent {
  std::string item_id;
  std::optional<std::string> register_id;
  Stage stage = Stage::kRecorded;
  std::string at;               // UTC instant
  std::string who;
  std::string where;
  std::string note;             // no personal data
};

struct CaseStatus {
  std::string case_id;
  std::string back_office;
  std::string initials;         // "" once purged
  std::string recorded_at;
  std::optional<std::string> ecase_receipt_at;
  std::optional<std::string> paper_receipt_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> purged_at;
};

// Case ids: YYYYMMDD-<workstation>-<4 digits>; item ids: <case_id>-<n>; register ids:
// R-YYYYMMDD-<workstation>-<3 digits>. Workstation ids: 1-16 of [A-Za-z0-9].
bool IsValidCaseId(std::string_view id);
bool IsValidItemId(std::string_view id);
bool IsValidRegisterId(std::string_view id);

}  // namespace intake::paper
