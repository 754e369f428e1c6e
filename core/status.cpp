#include "core/status.h"

#include <cerrno>
#include <cstring>

namespace intake {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: return "InvalidArgument";
    case Code::kNotFound: return "NotFound";
    case Code::kAlreadyExists: return "AlreadyExists";
    case Code::kCorrupt: return "Corrupt";
    case Code::kUnavailable: return "Unavailable";
    case Code::kDeviceFault: return "DeviceFault";
    case Code::kNoDocuments: return "NoDocuments";
    case Code::kCancelled: return "Cancelled";
    case Code::kResourceExhausted: return "ResourceExhausted";
    case Code::kPermissionDenied: return "PermissionDenied";
    case Code::kFailedPrecondition: return "FailedPrecondition";
    case Code::kIoError: return "IoError";
    case Code::kInternal: return "Internal";
  }
  return "Unknown";
}

Status::Status(Code code, std::string message) {
  if (code != Code::kOk) state_ = std::make_shared<const State>(State{code, std::move(message)});
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code())) + ": " + message();
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code(), std::string(context) + ": " + message());
}

Status ErrnoStatus(std::string_view what, int err) {
  std::string message = std::string(what) + ": " + std::strerror(err);
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return Status(Code::kResourceExhausted,
                    message + " (the disk is full: free space, nothing captured was lost)");
    case ENOENT: return Status(Code::kNotFound, message);
    case EACCES:
    case EPERM: return Status(Code::kPermissionDenied, message);
    default: return Status(Code::kIoError, message);
  }
}

}  // namespace intake
