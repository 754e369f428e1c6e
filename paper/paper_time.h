// Times and dates as the paper ledger stores them: UTC instants "2026-11-23T10:15:00Z" and
// calendar dates "2026-11-23". Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::paper {

using Instant = std::chrono::sys_seconds;
using Date = std::chrono::sys_days;

std::string FormatInstant(Instant t);                   // "YYYY-MM-DDTHH:MM:SSZ"
Result<Instant> ParseInstant(std::string_view text);    // the same format only
std::string FormatDate(Date d);                         // "YYYY-MM-DD"
Result<Date> ParseDate(std::string_view text);          // "YYYY-MM-DD" or "DD.MM.YYYY"
std::string FormatDateUa(Date d);                       // "DD.MM.YYYY" for operators and paper
Instant Now();                                          // the system clock, whole seconds
inline Date DayOf(Instant t) { return std::chrono::floor<std::chrono::days>(t); }

}  // namespace intake::paper
