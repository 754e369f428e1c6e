// The staff view's form helpers: the per-start token that guards the paper form's POSTs and
// the parser of its application/x-www-form-urlencoded body.
//
// Thread safety: stateless.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::transfer {

// 32 random hex digits (getrandom).
Result<std::string> NewStaffToken();
// Equal and non-empty, compared in constant time.
bool SameStaffToken(const std::string& a, const std::string& b);
// name → value ('+' is a space, %XX decoded; a malformed escape is kept as written; a repeated
// name keeps its last value).
std::map<std::string, std::string> ParseFormBody(std::string_view body);

}  // namespace intake::transfer
