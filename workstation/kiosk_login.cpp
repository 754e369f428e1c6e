#include "workstation/kiosk_login.h"

#include <sodium.h>

#include "core/log.h"

namespace intake {

namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashOperatorPin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 64)
    return InvalidArgument("the PIN must be 4 to 64 characters long");
  if (!SodiumReady()) return Internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Internal("crypto_pwhash_str failed (out of memory?)");
  return std::string(out);
}

bool VerifyOperatorPin(const std::string& pin_hash, const std::string& pin) {
  if (!SodiumReady() || pin_hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(pin_hash.c_str(), pin.data(), pin.size()) == 0;
}

KioskLogin::KioskLogin(std::vector<OperatorConfig> operators, std::chrono::seconds idle,
                       int max_failures, std::chrono::seconds lockout)
    : operators_(std::move(operators)), idle_(idle), max_failures_(max_failures),
      lockout_(lockout) {}

std::vector<DeskOperator> KioskLogin::operators() const {
  std::vector<DeskOperator> out;
  for (const auto& o : operators_) out.push_back({o.id, o.name});
  return out;
}

LoginOutcome KioskLogin::Login(const std::string& operator_id, const std::string& pin) {
  std::lock_guard<std::mutex> lock(mutex_);
  LoginOutcome outcome;
  Clock::time_point now = Clock::now();
  if (now < locked_until_) {
    outcome.result = LoginOutcome::Result::kLockedOut;
    outcome.wait_s = static_cast<int>(
        std::chrono::ceil<std::chrono::seconds>(locked_until_ - now).count());
    return outcome;
  }
  const OperatorConfig* account = nullptr;
  for (const auto& o : operators_)
    if (o.id == operator_id) account = &o;
  if (!account) {
    outcome.result = LoginOutcome::Result::kUnknownOperator;
    return outcome;
  }
  if (VerifyOperatorPin(account->pin_hash, pin)) {
    failures_ = 0;
    current_ = DeskOperator{account->id, account->name};
    last_action_ = Clock::now();
    LogInfo("kiosk", "operator " + account->id + " logged in");
    outcome.result = LoginOutcome::Result::kOk;
    return outcome;
  }
  ++failures_;
  LogWarning("kiosk", "wrong PIN for operator " + account->id + " (" + std::to_string(failures_) +
                          " in a row)");
  if (failures_ >= max_failures_) {
    failures_ = 0;
    locked_until_ = Clock::now() + lockout_;
    LogWarning("kiosk", "logins refused for " + std::to_string(lockout_.count()) +
                            " s after repeated wrong PINs");
    outcome.result = LoginOutcome::Result::kLockedOut;
    outcome.wait_s = static_cast<int>(lockout_.count());
    return outcome;
  }
  outcome.result = LoginOutcome::Result::kWrongPin;
  outcome.attempts_left = max_failures_ - failures_;
  return outcome;
}

void KioskLogin::Logout() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (current_) LogInfo("kiosk", "operator " + current_->id + " logged out");
  current_.reset();
}

std::optional<DeskOperator> KioskLogin::CurrentLocked(Clock::time_point now) {
  if (current_ && now - last_action_ >= idle_) {
    LogInfo("kiosk", "operator " + current_->id + " logged out after " +
                         std::to_string(idle_.count()) + " s idle");
    current_.reset();
  }
  return current_;
}

std::optional<DeskOperator> KioskLogin::Current() {
  std::lock_guard<std::mutex> lock(mutex_);
  return CurrentLocked(Clock::now());
}

std::optional<DeskOperator> KioskLogin::Touch() {
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = Clock::now();
  auto who = CurrentLocked(now);
  if (who) last_action_ = now;
  return who;
}

}  // namespace intake
