// KioskLogin: who is at the front desk. When operators are configured (WorkstationConfig::
// operators) the kiosk's actions need a logged-in operator: Login() checks the PIN against
// the configured argon2id hash (libsodium crypto_pwhash_str_verify), the desk session ends on
// Logout() or after `idle` without an action, and after `max_failures` wrong PINs in a row
// every login is refused for `lockout` (the desk has one screen, so the count is desk-wide).
// With no operators configured, required() is false and nobody needs to log in.
//
// PINs and hashes never leave this class: Current() and operators() give ids and names.
// Thread safety: every method may be called from any thread (one mutex; a PIN check holds
// it, so at most one ~64 MiB argon2id verification runs at a time).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

struct DeskOperator {
  std::string id;
  std::string name;
};

struct LoginOutcome {
  enum class Result { kOk, kUnknownOperator, kWrongPin, kLockedOut };
  Result result = Result::kWrongPin;
  int attempts_left = 0;  // kWrongPin: wrong PINs left before the lockout
  int wait_s = 0;         // kLockedOut: seconds until logins are taken again
};

class KioskLogin {
 public:
  using Clock = std::chrono::steady_clock;
  KioskLogin(std::vector<OperatorConfig> operators, std::chrono::seconds idle,
             int max_failures = 5, std::chrono::seconds lockout = std::chrono::seconds(60));

  bool required() const { return !operators_.empty(); }
  std::vector<DeskOperator> operators() const;

  LoginOutcome Login(const std::string& operator_id, const std::string& pin);
  void Logout();
  // The logged-in operator, or nullopt (nobody, or the session went idle: it is ended).
  std::optional<DeskOperator> Current();
  // Current(), and an action now: the idle clock restarts.
  std::optional<DeskOperator> Touch();

 private:
  std::optional<DeskOperator> CurrentLocked(Clock::time_point now);

  const std::vector<OperatorConfig> operators_;
  const std::chrono::seconds idle_;
  const int max_failures_;
  const std::chrono::seconds lockout_;
  std::mutex mutex_;
  std::optional<DeskOperator> current_;
  Clock::time_point last_action_{};
  int failures_ = 0;
  Clock::time_point locked_until_{};
};

// The crypto_pwhash_str string (argon2id, interactive limits) of `pin`, for the config's
// operators[].pin_hash. kInvalidArgument for a PIN shorter than 4 or longer than 64 bytes.
Result<std::string> HashOperatorPin(const std::string& pin);
// Whether `pin` matches `pin_hash` (false for a malformed hash).
bool VerifyOperatorPin(const std::string& pin_hash, const std::string& pin);

}  // namespace intake
