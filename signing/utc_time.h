// UTC timestamps as written into bag-info.txt, key files and receipts.
// Thread safety: pure functions (gmtime_r).
#pragma once

#include <chrono>
#include <string>

namespace intake::signing {

using Clock = std::chrono::system_clock;

std::string FormatUtc(Clock::time_point t);   // "2026-11-23T10:15:00Z"
std::string FormatDate(Clock::time_point t);  // "2026-11-23" (BagIt Bagging-Date)
std::string FormatCompactUtc(Clock::time_point t);  // "20261123T101500Z" (file names)

}  // namespace intake::signing
