// The staff view's form helper: the parser of its application/x-www-form-urlencoded body
// (the per-start token that guards its POSTs is core/request_token.h).
//
// Thread safety: stateless.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::transfer {

// name → value ('+' is a space, %XX decoded; a malformed escape is kept as written; a repeated
// name keeps its last value).
std::map<std::string, std::string> ParseFormBody(std::string_view body);

}  // namespace intake::transfer
