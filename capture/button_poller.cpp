#include "capture/button_poller.h"

#include <thread>

#include "capture/sane_device.h"
#include "core/log.h"

namespace intake::capture {

namespace {
// Sensors that report a state rather than a press.
bool IsStateSensor(const std::string& name) {
  return name == "page-loaded" || name == "cover-open" || name == "paper-in" ||
         name.find("sensor-") == 0 || name == "power-save" || name == "doc-feeder";
}
}  // namespace

Result<std::vector<ButtonPress>> ButtonPoller::PollOnce() {
  std::vector<ButtonPress> presses;
  auto device = SaneDevice::Open(session_, device_name_);
  if (!device.ok()) {
    if (device.status().code() == Code::kUnavailable) return presses;  // busy: next round
    return device.status();
  }
  sensors_.clear();
  for (const auto& o : (*device)->options()) {
    if (!o.is_sensor() || o.name.empty() || IsStateSensor(o.name)) continue;
    if (o.type != OptionType::kBool && o.type != OptionType::kInt) continue;
    sensors_.push_back(o.name);
    auto value = (*device)->GetOption(o.name);
    if (!value.ok() || value->numbers.empty() || value->numbers[0] == 0) continue;
    auto mapped = options_.button_profiles.find(o.name);
    if (mapped == options_.button_profiles.end()) {
      LogInfo("capture", "button '" + o.name + "' on " + device_name_ + " is not mapped");
      continue;
    }
    presses.push_back({o.name, mapped->second});
  }
  if (sensors_.empty())
    return Status(Code::kFailedPrecondition,
                  "scanner " + device_name_ + " has no buttons that software can read");
  return presses;  // the device closes here, before anyone acts on the press
}

Status ButtonPoller::Run(const std::function<void(const ButtonPress&)>& on_press,
                         const std::atomic<bool>& stop) {
  while (!stop) {
    auto presses = PollOnce();
    if (!presses.ok()) return presses.status();
    for (const auto& press : *presses) {
      LogInfo("capture", "button '" + press.button + "' pressed on " + device_name_ +
                             ": profile " + press.profile);
      on_press(press);
    }
    auto next = std::chrono::steady_clock::now() + options_.interval;
    while (!stop && std::chrono::steady_clock::now() < next)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Status::Ok();
}

}  // namespace intake::capture
