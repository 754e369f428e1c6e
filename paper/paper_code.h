// The machine-readable codes printed on cover sheets and transmittal registers, with a check.
//
// Payloads (ASCII, upper case where possible so QR can use its compact alphanumeric mode):
//   cover sheet:  IC1:<case_id>:<item numbers joined by '.'>:<CHECK>
//   register:     IR1:<register_id>:<back_office>:<case_id>/<n>.<n>+<case_id>/<n>...:<CHECK>
// CHECK is 8 upper-case hex digits: the first 4 bytes of SHA-256("intake-paper-code|" + the
// payload before ":<CHECK>"). QR's own Reed-Solomon code repairs damage; the check guarantees
// that a payload that decodes but was altered (a misread, a forged label, a code from another
// system) is reported as unreadable instead of being taken for another case: a random
// alteration passes with probability 2^-32, and the ids must also be well formed.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::paper {

struct CaseItems {
  std::string case_id;
  std::vector<int> item_numbers;  // the n of "<case_id>-<n>", ascending
};

struct PaperCode {
  enum class Kind { kCoverSheet, kRegister };
  Kind kind = Kind::kCoverSheet;
  std::string id;                  // case id or register id
  std::string back_office;         // register only
  std::vector<CaseItems> cases;    // cover: one entry (the case); register: every case listed
};

std::string EncodeCoverCode(const CaseItems& items);
// back_office must not contain ':', '+' or '/'.
Result<std::string> EncodeRegisterCode(const std::string& register_id,
                                       const std::string& back_office,
                                       const std::vector<CaseItems>& cases);

// kCorrupt when the check fails or the payload is malformed; kNotFound when the text is not
// one of our codes at all (a foreign barcode on the page).
Result<PaperCode> ParsePaperCode(std::string_view text);

// "<case_id>-<n>" → {case_id, n}; false when malformed.
bool SplitItemId(std::string_view item_id, std::string* case_id, int* number);

}  // namespace intake::paper
