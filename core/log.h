// Logging to stderr, in English, one line per event.
//
// Contract: callers never pass personal data (names, РНОКПП, document numbers, addresses,
// recognised text) to a log call; use case ids and page numbers. The operator-facing
// Ukrainian messages are a separate channel (see each component's user messages).
//
// Thread safety: thread-safe; lines from different threads do not interleave.
#pragma once

#include <string_view>

namespace intake {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Lines below the threshold are dropped. Default kInfo; INTAKE_LOG=debug|info|warning|error.
void SetLogThreshold(LogLevel level);
void Log(LogLevel level, std::string_view component, std::string_view message);

inline void LogInfo(std::string_view c, std::string_view m) { Log(LogLevel::kInfo, c, m); }
inline void LogWarning(std::string_view c, std::string_view m) { Log(LogLevel::kWarning, c, m); }
inline void LogError(std::string_view c, std::string_view m) { Log(LogLevel::kError, c, m); }
inline void LogDebug(std::string_view c, std::string_view m) { Log(LogLevel::kDebug, c, m); }

}  // namespace intake
