// The kiosk screen's HTML page (Ukrainian labels, large buttons for a touch screen), served
// by KioskServer at "/". Pure; thread-safe.
#pragma once

#include <string>

namespace intake {

// The page with `token` embedded (data-token) for the X-Intake-Token header of its POSTs.
std::string KioskPageHtml(const std::string& token);

}  // namespace intake
