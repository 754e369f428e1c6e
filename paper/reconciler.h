// Reconciliation at the back office: what a register promised, what the bundle held, and
// which e-cases arrived — and, for every difference, what the clerk should do (Ukrainian).
//
// Pure logic: inputs are the decoded codes, the clerk's marks and the inbox contents;
// the output is the per-item outcome for the confirmation plus the findings.
// Thread safety: pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paper/confirmation.h"
#include "paper/paper_code.h"

namespace intake::paper {

struct ReceiptInput {
  std::string register_id;                 // from the register's code, or typed by the clerk
  std::string register_back_office;        // from the register's code ("" when typed)
  std::string back_office;                 // this back office
  // The register's contents from its code; nullopt when the code was unreadable and the id
  // was typed (the clerk then checks against the paper register by eye).
  std::optional<std::vector<CaseItems>> register_cases;
  // Cover sheets scanned (item numbers from the code) or case ids typed (empty numbers: taken
  // from the register or the e-case).
  std::vector<CaseItems> covers;
  std::vector<std::string> marked_missing;  // item ids listed but not in the bundle
  std::vector<std::string> marked_extra;    // item ids in the bundle but not listed
  // E-cases in this back office's inbox: case id → paper item numbers from its case.json.
  std::map<std::string, std::vector<int>> ecases;
  std::optional<std::string> previous_receipt_at;  // this register was received before
};

struct Finding {
  enum class Kind {
    kItemMissing,           // listed, not in the bundle
    kCaseMissing,           // a whole case listed, its bundle absent
    kExtraItem,             // in the bundle, not listed
    kExtraCase,             // a cover sheet for a case the register does not list
    kEcaseNotArrived,       // paper came, the e-case did not
    kRegisterReceivedTwice, // the same register was received before
    kWrongBackOffice,       // the register is addressed to another back office
    kRegisterUnreadable,    // register id typed: contents not machine-checked
  };
  Kind kind;
  std::string subject;      // item, case or register id
  std::string action;       // Ukrainian: what happened and what to do
};
std::string_view FindingName(Finding::Kind kind);  // English, for logs

struct Reconciliation {
  std::vector<ConfirmedItem> items;
  std::vector<Finding> findings;
  std::vector<std::string> cases_without_ecase;
  bool received_twice = false;
  bool refused = false;     // wrong back office: nothing is accepted
  bool clean() const { return findings.empty(); }
};

Reconciliation Reconcile(const ReceiptInput& input);

}  // namespace intake::paper
