// intake devices: lists the scanners SANE finds, or one scanner's options.
//
//   intake devices [--embedded | --sane-config DIR] [--local] [--device DEV [--all]]
//
// --embedded uses the workstation's embedded default (pnm + test virtual scanners); otherwise
// SANE's own configuration (SANE_CONFIG_DIR or /etc/sane.d) is used. With --device, prints each
// option: name, type, current value, what the device allows, capabilities (advanced options
// only with --all).
#include <iostream>

#include "apps/intake/command.h"
#include "capture/sane_config.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"

namespace intake::cli {
namespace {

using namespace intake::capture;

std::string Caps(const OptionDescriptor& o) {
  std::string caps;
  auto add = [&](bool on, const char* name) {
    if (on) caps += (caps.empty() ? "" : ",") + std::string(name);
  };
  add(o.soft_select, "soft-select");
  add(o.hard_select, "hard-select");
  add(o.soft_detect, "soft-detect");
  add(o.automatic, "auto");
  add(o.emulated, "emulated");
  add(o.advanced, "advanced");
  add(o.inactive, "inactive");
  add(o.is_sensor(), "sensor");
  return caps;
}

int PrintOptions(const SaneSession& session, const std::string& name, bool all) {
  auto device = SaneDevice::Open(session, name);
  if (!device.ok()) return Fail("devices", device.status().ToString());
  std::cout << "options of " << name << ":\n";
  for (const auto& o : (*device)->options()) {
    if (o.type == OptionType::kGroup) {
      std::cout << "  [" << o.title << "]\n";
      continue;
    }
    if (o.advanced && !all) continue;
    std::string value = "-";
    if (o.readable() && o.value_count <= 16) {
      auto text = (*device)->GetOptionText(o.name);
      value = text.ok() ? *text : "?";
    } else if (o.value_count > 16) {
      value = "(" + std::to_string(o.value_count) + " values)";
    }
    std::cout << "  " << o.name << " (" << OptionTypeName(o.type) << ") = " << value
              << "\n      allowed: " << DescribeAllowed(o) << "\n      caps: " << Caps(o) << "\n";
  }
  return 0;
}

int RunDevices(const Args& raw) {
  Args args = raw;
  std::string config_dir, device;
  const bool embedded = TakeFlag(args, "--embedded");
  const bool local = TakeFlag(args, "--local");
  const bool all = TakeFlag(args, "--all");
  TakeOption(args, "--sane-config", &config_dir);
  TakeOption(args, "--device", &device);
  if (!args.empty())
    return Fail("devices", "unexpected argument '" + args[0] +
                               "'; usage: intake devices [--embedded | --sane-config DIR] "
                               "[--local] [--device DEV [--all]]", 2);
  if (embedded || !config_dir.empty()) {
    SaneConfig config = EmbeddedDefaultSaneConfig();
    Status prepared = config_dir.empty()
        ? PrepareSaneConfigDir(DefaultPrivateSaneConfigDir(), config)
        : UseSaneConfigDir(config_dir, config);
    if (!prepared.ok()) return Fail("devices", prepared.ToString());
  }
  auto session = SaneSession::Open();
  if (!session.ok()) return Fail("devices", session.status().ToString());
  if (!device.empty()) return PrintOptions(**session, device, all);
  auto devices = (*session)->ListDevices(local);
  if (!devices.ok()) return Fail("devices", devices.status().ToString());
  if (devices->empty()) {
    std::cerr << "intake devices: no scanner found; check that it is switched on and connected "
                 "(or use --embedded for the virtual scanners)\n";
    return 1;
  }
  for (const auto& d : *devices)
    std::cout << d.name << "\t" << d.vendor << " " << d.model << " (" << d.type << ")\n";
  return 0;
}

CommandRegistration registration("devices", "list scanners, or one scanner's options",
                                 RunDevices);

}  // namespace
}  // namespace intake::cli
