// Helpers for the paper tests: sample cases and fixed instants.
#pragma once

#include <string>

#include "paper/confirmation.h"
#include "paper/paper_time.h"
#include "signing/key_pair.h"
#include "signing/signer.h"
#include "paper/paper_types.h"

namespace intake::paper::testing {

// A back office's Ed25519 signing key for unit tests (the product's lives in signing::KeyStore;
// paper_cycle_test uses real key stores).
class TestBackOfficeKey {
 public:
  static Result<TestBackOfficeKey> Generate() {
    INTAKE_ASSIGN_OR_RETURN(signing::SigningKeyPair key, signing::SigningKeyPair::Generate());
    return TestBackOfficeKey(std::move(key));
  }
  const signing::PublicKey& public_key() const { return key_.public_key(); }
  Result<std::string> Sign(const PaperConfirmation& c) const {
    return SignConfirmation(c, signing::Ed25519Signer(key_));
  }

 private:
  explicit TestBackOfficeKey(signing::SigningKeyPair key) : key_(std::move(key)) {}
  signing::SigningKeyPair key_;
};

// 2026-11-23 (a Monday) at hh:00 UTC plus `days`.
inline Instant At(int days = 0, int hour = 10) {
  using namespace std::chrono;
  return Instant(sys_days(year_month_day(year(2026), November, day(23))) + days * 24h +
                 hours(hour));
}

// A confirmation of `register_id` by clerk-7 of uszn-district-1 at `at`, without items yet.
inline PaperConfirmation ConfirmationHeader(const std::string& id, const std::string& register_id,
                                            Instant at) {
  PaperConfirmation c;
  c.confirmation_id = id;
  c.register_id = register_id;
  c.back_office = "uszn-district-1";
  c.received_at = c.reconciled_at = FormatInstant(at);
  c.received_by = "clerk-7";
  return c;
}

// A case with `items` items (alternating original/copy, 1..n sheets).
inline CaseIntake SampleCase(const std::string& case_id, int items,
                             const std::string& back_office = "uszn-district-1") {
  CaseIntake c;
  c.case_id = case_id;
  c.back_office = back_office;
  c.initials = "Ш. Т. Г.";
  c.actor = "operator-3";
  c.place = "WS01";
  for (int i = 1; i <= items; ++i) {
    PaperItemSpec s;
    s.item_id = case_id + "-" + std::to_string(i);
    s.document = "d" + std::to_string(i);
    s.document_class = i == 1 ? "application_form" : "birth_certificate";
    s.kind = i % 2 ? PaperKind::kOriginal : PaperKind::kCopy;
    s.sheets = i;
    c.items.push_back(s);
  }
  return c;
}

}  // namespace intake::paper::testing
