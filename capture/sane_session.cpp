#include "capture/sane_session.h"

#include <atomic>

#include "capture/sane_status_internal.h"
#include "core/log.h"

namespace intake::capture {

namespace {
std::atomic<bool> g_session_open{false};
}

Result<std::unique_ptr<SaneSession>> SaneSession::Open() {
  bool expected = false;
  if (!g_session_open.compare_exchange_strong(expected, true))
    return Status(Code::kFailedPrecondition, "a SANE session is already open in this process");
  SANE_Int version_code = 0;
  SANE_Status status = sane_init(&version_code, nullptr);
  if (status != SANE_STATUS_GOOD) {
    g_session_open = false;
    return internal::SaneError("sane_init", status);
  }
  std::unique_ptr<SaneSession> session(new SaneSession());
  session->version_ = std::to_string(SANE_VERSION_MAJOR(version_code)) + "." +
                      std::to_string(SANE_VERSION_MINOR(version_code)) + "." +
                      std::to_string(SANE_VERSION_BUILD(version_code));
  LogDebug("capture", "SANE " + session->version_ + " initialised");
  return session;
}

SaneSession::~SaneSession() {
  sane_exit();
  g_session_open = false;
}

Result<std::vector<DeviceInfo>> SaneSession::ListDevices(bool local_only) const {
  const SANE_Device** list = nullptr;
  SANE_Status status = sane_get_devices(&list, local_only ? SANE_TRUE : SANE_FALSE);
  if (status != SANE_STATUS_GOOD) return internal::SaneError("sane_get_devices", status);
  std::vector<DeviceInfo> devices;
  for (const SANE_Device** d = list; d && *d; ++d) {
    auto text = [](const char* s) { return std::string(s ? s : ""); };
    devices.push_back({text((*d)->name), text((*d)->vendor), text((*d)->model), text((*d)->type)});
  }
  return devices;
}

}  // namespace intake::capture
