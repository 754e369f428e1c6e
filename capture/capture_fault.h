// CaptureFault: a scanner fault as the operator and the log see it.
//
// Every Status a scan can end with maps to a FaultKind, an instruction in Ukrainian for the
// operator (what happened, what to do) and an English log line without personal data.
//
// Thread safety: value types and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::capture {

enum class FaultKind {
  kJam,           // paper jam
  kCoverOpen,
  kFeederEmpty,   // no paper on the first page of a batch
  kBusy,          // another program holds the scanner
  kIoError,       // the connection broke mid-page
  kNoResponse,    // the watchdog fired: the device stopped answering
  kCancelled,     // the operator (or another thread) cancelled
  kNoMemory,
  kDiskFull,      // the page could not be written
  kBadSettings,   // the device rejected the settings
  kNotFound,      // no such scanner
  kOther,
};

std::string_view FaultKindName(FaultKind kind);  // "jam", "cover_open", ...

struct CaptureFault {
  FaultKind kind = FaultKind::kOther;
  std::string message_uk;  // for the operator
  std::string log_message; // English, for the log
  int broken_page = 0;     // sequence number the broken page would have had (0 = none)
  Status status;           // the underlying error
};

// Classifies a failed scan step. `status` must not be OK. The SANE status text in the message
// distinguishes jam / cover open / I/O error, all of which share Code::kDeviceFault.
CaptureFault ClassifyFault(const Status& status, int broken_page);

}  // namespace intake::capture
