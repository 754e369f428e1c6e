// Request tokens: the per-start secret a local web page (the workstation's kiosk, the back
// office's staff view) embeds and every state-changing request must send back, so that other
// web sites open in the same browser cannot drive it.
//
// Thread safety: stateless.
#pragma once

#include <string>

#include "core/status.h"

namespace intake {

// 32 random hex digits (getrandom).
Result<std::string> NewRequestToken();
// Equal and non-empty, compared in constant time (no early exit on the first difference).
bool SameRequestToken(const std::string& a, const std::string& b);

}  // namespace intake
