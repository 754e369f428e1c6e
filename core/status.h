// Status and Result<T>: the one error currency of intake.
//
// A Status is OK (cheap: no allocation) or carries a Code and a message that says what
// happened and, where the caller can act, what to do. Errors from C libraries are translated
// into a Status once, where the C call is made, with context (file, device, case id).
// Exceptions never cross a library's public API.
//
// Thread safety: value types; distinct objects may be used from distinct threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace intake {

enum class Code {
  kOk = 0,
  kInvalidArgument,   // the caller asked for something malformed or out of range
  kNotFound,          // a file, device, case or key that does not exist
  kAlreadyExists,     // idempotency: the thing is already there
  kCorrupt,           // data failed a checksum, signature or format check
  kUnavailable,       // a device or peer is not reachable now; retrying later may work
  kDeviceFault,       // the scanner reported a jam, open cover, I/O error...
  kNoDocuments,       // the feeder is empty
  kCancelled,         // the operation was cancelled on request
  kResourceExhausted, // disk full, quota, memory
  kPermissionDenied,  // untrusted key, revoked workstation, file mode
  kFailedPrecondition,// the system is not in a state where this can be done
  kIoError,           // a local read/write failed
  kInternal,          // our own bug
};

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  const std::string& message() const;
  // "CodeName: message", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "context: message". OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  std::shared_ptr<const State> state_;  // null when OK; shared so copies are cheap
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status Corrupt(std::string m) { return {Code::kCorrupt, std::move(m)}; }
inline Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
inline Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

// Status from errno after a failed POSIX call: "what: strerror(errno)". ENOSPC and EDQUOT map
// to kResourceExhausted with advice to free disk space; ENOENT to kNotFound.
Status ErrnoStatus(std::string_view what, int err);

// Result<T>: a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) status_ = Internal("Result constructed from an OK Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace intake

// Early return of a non-OK Status from an expression yielding Status.
#define INTAKE_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::intake::Status intake_status_ = (expr); \
    if (!intake_status_.ok()) return intake_status_; \
  } while (0)

#define INTAKE_CONCAT_INNER(a, b) a##b
#define INTAKE_CONCAT(a, b) INTAKE_CONCAT_INNER(a, b)
// INTAKE_ASSIGN_OR_RETURN(auto x, MakeX()); returns the Status when MakeX() fails.
#define INTAKE_ASSIGN_OR_RETURN(lhs, rexpr) \
  INTAKE_ASSIGN_OR_RETURN_IMPL(INTAKE_CONCAT(intake_result_, __LINE__), lhs, rexpr)
#define INTAKE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                 \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
