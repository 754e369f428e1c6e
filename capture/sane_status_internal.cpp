#include "capture/sane_status_internal.h"

namespace intake::capture::internal {

Status SaneError(std::string_view what, SANE_Status status) {
  std::string message = std::string(what) + ": " + sane_strstatus(status);
  switch (status) {
    case SANE_STATUS_GOOD:
      return Status::Ok();
    case SANE_STATUS_CANCELLED:
      return {Code::kCancelled, message};
    case SANE_STATUS_DEVICE_BUSY:
      return {Code::kUnavailable, message + " (the scanner is used by another program)"};
    case SANE_STATUS_NO_DOCS:
      return {Code::kNoDocuments, message};
    case SANE_STATUS_JAMMED:
    case SANE_STATUS_COVER_OPEN:
    case SANE_STATUS_IO_ERROR:
      return {Code::kDeviceFault, message};
    case SANE_STATUS_NO_MEM:
      return {Code::kResourceExhausted, message};
    case SANE_STATUS_INVAL:
      return {Code::kInvalidArgument, message};
    case SANE_STATUS_ACCESS_DENIED:
      return {Code::kPermissionDenied, message + " (check the scanner's access rights)"};
    case SANE_STATUS_UNSUPPORTED:
      return {Code::kFailedPrecondition, message};
    case SANE_STATUS_EOF:
      return {Code::kInternal, message + " (EOF where data was expected)"};
  }
  return {Code::kDeviceFault, message};
}

}  // namespace intake::capture::internal
