#include "capture/scanner.h"

#include <algorithm>
#include <cctype>

#include "capture/sane_session.h"
#include "core/log.h"

namespace intake::capture {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

int Priority(const std::string& name) {
  if (name == "source") return 0;
  if (name == "mode") return 1;
  if (name == "depth") return 2;
  return 3;
}

}  // namespace

std::string ResolveSourceName(const OptionDescriptor& source, const std::string& wanted) {
  if (source.constraint != ConstraintKind::kStringList) return wanted;
  if (MatchStringListEntry(source, wanted)) return *MatchStringListEntry(source, wanted);
  const std::string w = Lower(wanted);
  for (const auto& entry : source.string_list) {
    const std::string e = Lower(entry);
    const bool feeder = Has(e, "adf") || Has(e, "feeder");
    const bool duplex = Has(e, "duplex");
    if (w == "flatbed" && (Has(e, "flatbed") || Has(e, "platen") || Has(e, "normal")))
      return entry;
    if (w == "adf" && feeder && !duplex && !Has(e, "back")) return entry;
    if (w == "adf-duplex" && duplex) return entry;
  }
  return wanted;
}

Status ApplySettings(SaneDevice& device, const Settings& settings) {
  Settings ordered = settings;
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return Priority(a.first) < Priority(b.first);
  });
  for (const auto& [name, value] : ordered) {
    std::string effective = value;
    if (name == "source") {
      if (const OptionDescriptor* source = device.FindOption("source"))
        effective = ResolveSourceName(*source, value);
      else if (Lower(value) == "flatbed")
        continue;  // a device without a source option is a flatbed (or a single-source device)
    }
    auto set = device.SetOption(name, effective);
    if (!set.ok()) return set.status().WithContext("scanner " + device.name());
    if (set->inexact)
      LogInfo("capture", "scanner " + device.name() + " set " + name + " to " + set->value +
                             " (asked " + effective + ")");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Scanner>> Scanner::Open(const SaneSession& session,
                                               std::string device_name, Settings settings) {
  std::unique_ptr<Scanner> scanner(
      new Scanner(session, std::move(device_name), std::move(settings)));
  INTAKE_RETURN_IF_ERROR(scanner->Reopen());
  return scanner;
}

void Scanner::Release() { device_.reset(); }

Status Scanner::Reopen() {
  device_.reset();
  INTAKE_ASSIGN_OR_RETURN(device_, SaneDevice::Open(session_, device_name_));
  Status applied = ApplySettings(*device_, settings_);
  if (!applied.ok()) device_.reset();
  return applied;
}

BatchResult Scanner::ScanBatch(PageStore& store, const BatchOptions& options) {
  if (!device_) {
    Status reopened = Reopen();
    if (!reopened.ok()) {
      BatchResult r;
      r.fault = ClassifyFault(reopened, 0);
      return r;
    }
  }
  BatchResult result = capture::ScanBatch(*device_, store, options);
  if (result.fault && result.fault->kind == FaultKind::kNoResponse) {
    Status reopened = Reopen();
    LogInfo("capture", "reopened scanner " + device_name_ + " after it stopped answering: " +
                           reopened.ToString());
  }
  return result;
}

}  // namespace intake::capture
