// Internal to capture/: translation of SANE_Status into intake::Status, done once where the
// SANE call is made. Not a public header (it includes <sane/sane.h>).
#pragma once

#include <sane/sane.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::capture::internal {

// Maps the SANE status of `what` (e.g. "sane_start on pnm:0") to a Status with a code that
// callers can act on: jams/cover open -> kDeviceFault, no docs -> kNoDocuments, busy ->
// kUnavailable, cancelled -> kCancelled, I/O error -> kDeviceFault, no memory ->
// kResourceExhausted, invalid -> kInvalidArgument. The message keeps sane_strstatus' text.
Status SaneError(std::string_view what, SANE_Status status);

}  // namespace intake::capture::internal
