#include "capture/sane_device.h"

#include <sane/sane.h>

#include <cstring>
#include <vector>

#include "capture/sane_status_internal.h"
#include "core/log.h"

namespace intake::capture {

namespace {

using internal::SaneError;

SANE_Handle H(void* h) { return static_cast<SANE_Handle>(h); }

OptionDescriptor ToDescriptor(int index, const SANE_Option_Descriptor& d) {
  OptionDescriptor o;
  o.index = index;
  o.name = d.name ? d.name : "";
  o.title = d.title ? d.title : "";
  o.description = d.desc ? d.desc : "";
  switch (d.type) {
    case SANE_TYPE_BOOL: o.type = OptionType::kBool; break;
    case SANE_TYPE_INT: o.type = OptionType::kInt; break;
    case SANE_TYPE_FIXED: o.type = OptionType::kFixed; break;
    case SANE_TYPE_STRING: o.type = OptionType::kString; break;
    case SANE_TYPE_BUTTON: o.type = OptionType::kButton; break;
    case SANE_TYPE_GROUP: o.type = OptionType::kGroup; break;
  }
  switch (d.unit) {
    case SANE_UNIT_NONE: o.unit = OptionUnit::kNone; break;
    case SANE_UNIT_PIXEL: o.unit = OptionUnit::kPixel; break;
    case SANE_UNIT_BIT: o.unit = OptionUnit::kBit; break;
    case SANE_UNIT_MM: o.unit = OptionUnit::kMm; break;
    case SANE_UNIT_DPI: o.unit = OptionUnit::kDpi; break;
    case SANE_UNIT_PERCENT: o.unit = OptionUnit::kPercent; break;
    case SANE_UNIT_MICROSECOND: o.unit = OptionUnit::kMicrosecond; break;
  }
  o.size = d.size;
  o.value_count = (d.type == SANE_TYPE_INT || d.type == SANE_TYPE_FIXED)
                      ? std::max<int>(1, d.size / static_cast<int>(sizeof(SANE_Word)))
                      : 1;
  o.soft_select = d.cap & SANE_CAP_SOFT_SELECT;
  o.hard_select = d.cap & SANE_CAP_HARD_SELECT;
  o.soft_detect = d.cap & SANE_CAP_SOFT_DETECT;
  o.emulated = d.cap & SANE_CAP_EMULATED;
  o.automatic = d.cap & SANE_CAP_AUTOMATIC;
  o.inactive = d.cap & SANE_CAP_INACTIVE;
  o.advanced = d.cap & SANE_CAP_ADVANCED;
  auto number = [&](SANE_Word w) {
    return d.type == SANE_TYPE_FIXED ? SANE_UNFIX(w) : static_cast<double>(w);
  };
  switch (d.constraint_type) {
    case SANE_CONSTRAINT_NONE: break;
    case SANE_CONSTRAINT_RANGE:
      if (d.constraint.range) {
        o.constraint = ConstraintKind::kRange;
        o.min = number(d.constraint.range->min);
        o.max = number(d.constraint.range->max);
        o.quant = number(d.constraint.range->quant);
      }
      break;
    case SANE_CONSTRAINT_WORD_LIST:
      if (d.constraint.word_list) {
        o.constraint = ConstraintKind::kWordList;
        for (SANE_Int i = 1; i <= d.constraint.word_list[0]; ++i)
          o.word_list.push_back(number(d.constraint.word_list[i]));
      }
      break;
    case SANE_CONSTRAINT_STRING_LIST:
      if (d.constraint.string_list) {
        o.constraint = ConstraintKind::kStringList;
        for (const SANE_String_Const* s = d.constraint.string_list; *s; ++s)
          o.string_list.emplace_back(*s);
      }
      break;
  }
  return o;
}

}  // namespace

std::string_view FrameFormatName(FrameFormat format) {
  switch (format) {
    case FrameFormat::kGray: return "gray";
    case FrameFormat::kRgb: return "rgb";
    case FrameFormat::kRed: return "red";
    case FrameFormat::kGreen: return "green";
    case FrameFormat::kBlue: return "blue";
  }
  return "?";
}

Result<std::unique_ptr<SaneDevice>> SaneDevice::Open(const SaneSession&, const std::string& name) {
  SANE_Handle handle = nullptr;
  SANE_Status status = sane_open(name.c_str(), &handle);
  if (status != SANE_STATUS_GOOD) {
    Status error = SaneError("sane_open " + name, status);
    if (status == SANE_STATUS_INVAL)
      return NotFound("scanner '" + name + "' not found; run `intake devices` to list scanners");
    return error;
  }
  std::unique_ptr<SaneDevice> device(new SaneDevice(handle, name));
  INTAKE_RETURN_IF_ERROR(device->ReloadOptions());
  return device;
}

SaneDevice::~SaneDevice() {
  if (handle_) {
    sane_cancel(H(handle_));
    sane_close(H(handle_));
  }
}

Status SaneDevice::ReloadOptions() {
  options_.clear();
  SANE_Int count = 0;
  SANE_Status status =
      sane_control_option(H(handle_), 0, SANE_ACTION_GET_VALUE, &count, nullptr);
  if (status != SANE_STATUS_GOOD) return SaneError("reading option count of " + name_, status);
  for (SANE_Int i = 1; i < count; ++i) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(H(handle_), i);
    if (!d) continue;
    options_.push_back(ToDescriptor(i, *d));
  }
  return Status::Ok();
}

const OptionDescriptor* SaneDevice::FindOption(std::string_view name) const {
  for (const auto& o : options_)
    if (o.type != OptionType::kGroup && o.name == name) return &o;
  return nullptr;
}

Result<SetOptionResult> SaneDevice::SetOption(std::string_view name, std::string_view text) {
  const OptionDescriptor* option = FindOption(name);
  if (!option) {
    std::string known;
    for (const auto& o : options_)
      if (o.settable() && !o.name.empty()) known += (known.empty() ? "" : ", ") + o.name;
    return NotFound("scanner " + name_ + " has no option '" + std::string(name) +
                    "'; settable options: " + known);
  }
  INTAKE_ASSIGN_OR_RETURN(OptionValue value, ParseOptionValue(*option, text));
  std::vector<SANE_Word> words;
  std::vector<char> chars;
  void* data = nullptr;
  if (option->type == OptionType::kString) {
    chars.assign(static_cast<size_t>(std::max(option->size, 1)), '\0');
    std::memcpy(chars.data(), value.text.data(), std::min(value.text.size(), chars.size() - 1));
    data = chars.data();
  } else if (option->type != OptionType::kButton) {
    for (double v : value.numbers)
      words.push_back(option->type == OptionType::kFixed ? SANE_FIX(v)
                                                         : static_cast<SANE_Word>(v));
    data = words.data();
  }
  SANE_Int info = 0;
  const int index = option->index;
  const std::string option_name(name);
  SANE_Status status = sane_control_option(H(handle_), index, SANE_ACTION_SET_VALUE, data, &info);
  if (status != SANE_STATUS_GOOD)
    return SaneError("setting " + option_name + "=" + std::string(text) + " on " + name_, status);
  SetOptionResult result;
  result.inexact = info & SANE_INFO_INEXACT;
  result.reload_params = info & SANE_INFO_RELOAD_PARAMS;
  if (info & SANE_INFO_RELOAD_OPTIONS) {
    result.reloaded_options = true;
    INTAKE_RETURN_IF_ERROR(ReloadOptions());  // invalidates `option`
  }
  const OptionDescriptor* now = FindOption(option_name);
  if (now && now->readable()) {
    auto read_back = GetOptionText(option_name);
    if (read_back.ok()) result.value = *read_back;
  }
  return result;
}

Status SaneDevice::SetOptionAuto(std::string_view name) {
  const OptionDescriptor* option = FindOption(name);
  if (!option) return NotFound("scanner " + name_ + " has no option '" + std::string(name) + "'");
  if (!option->automatic)
    return InvalidArgument("option '" + option->name + "' cannot be set to auto on " + name_);
  SANE_Int info = 0;
  SANE_Status status =
      sane_control_option(H(handle_), option->index, SANE_ACTION_SET_AUTO, nullptr, &info);
  if (status != SANE_STATUS_GOOD) return SaneError("auto " + option->name, status);
  if (info & SANE_INFO_RELOAD_OPTIONS) return ReloadOptions();
  return Status::Ok();
}

Result<OptionValue> SaneDevice::GetOption(std::string_view name) const {
  const OptionDescriptor* option = FindOption(name);
  if (!option) return NotFound("scanner " + name_ + " has no option '" + std::string(name) + "'");
  if (!option->readable())
    return Status(Code::kFailedPrecondition,
                  "option '" + option->name + "' cannot be read now (inactive or write-only)");
  std::vector<SANE_Word> buffer(static_cast<size_t>(option->size) / sizeof(SANE_Word) + 2, 0);
  SANE_Status status = sane_control_option(H(handle_), option->index, SANE_ACTION_GET_VALUE,
                                           buffer.data(), nullptr);
  if (status != SANE_STATUS_GOOD) return SaneError("reading " + option->name, status);
  OptionValue value;
  if (option->type == OptionType::kString) {
    const char* s = reinterpret_cast<const char*>(buffer.data());
    value.text.assign(s, strnlen(s, static_cast<size_t>(option->size)));
  } else {
    for (int i = 0; i < option->value_count; ++i)
      value.numbers.push_back(option->type == OptionType::kFixed ? SANE_UNFIX(buffer[i])
                                                                 : static_cast<double>(buffer[i]));
  }
  return value;
}

Result<std::string> SaneDevice::GetOptionText(std::string_view name) const {
  INTAKE_ASSIGN_OR_RETURN(OptionValue value, GetOption(name));
  return FormatOptionValue(*FindOption(name), value);
}

Status SaneDevice::Start() {
  if (cancel_requested_) return Status(Code::kCancelled, "scan on " + name_ + " cancelled");
  SANE_Status status = sane_start(H(handle_));
  if (status != SANE_STATUS_GOOD) return SaneError("sane_start on " + name_, status);
  return Status::Ok();
}

Result<FrameParameters> SaneDevice::GetParameters() const {
  SANE_Parameters p{};
  SANE_Status status = sane_get_parameters(H(handle_), &p);
  if (status != SANE_STATUS_GOOD) return SaneError("sane_get_parameters on " + name_, status);
  FrameParameters f;
  switch (p.format) {
    case SANE_FRAME_GRAY: f.format = FrameFormat::kGray; break;
    case SANE_FRAME_RGB: f.format = FrameFormat::kRgb; break;
    case SANE_FRAME_RED: f.format = FrameFormat::kRed; break;
    case SANE_FRAME_GREEN: f.format = FrameFormat::kGreen; break;
    case SANE_FRAME_BLUE: f.format = FrameFormat::kBlue; break;
    default:
      return Status(Code::kDeviceFault, "scanner " + name_ + " sent an unknown frame format " +
                                            std::to_string(p.format));
  }
  f.last_frame = p.last_frame;
  f.bytes_per_line = p.bytes_per_line;
  f.pixels_per_line = p.pixels_per_line;
  f.lines = p.lines;
  f.depth = p.depth;
  return f;
}

Result<ReadResult> SaneDevice::Read(std::span<std::byte> buffer) {
  SANE_Int length = 0;
  SANE_Status status = sane_read(H(handle_), reinterpret_cast<SANE_Byte*>(buffer.data()),
                                 static_cast<SANE_Int>(buffer.size()), &length);
  if (status == SANE_STATUS_EOF) return ReadResult{0, true};
  if (status != SANE_STATUS_GOOD) {
    if (cancel_requested_) return Status(Code::kCancelled, "scan on " + name_ + " cancelled");
    return SaneError("sane_read on " + name_, status);
  }
  return ReadResult{static_cast<size_t>(length), false};
}

void SaneDevice::Cancel() {
  cancel_requested_ = true;
  sane_cancel(H(handle_));
}

void SaneDevice::FinishScan() { sane_cancel(H(handle_)); }

Status SaneDevice::SetNonBlocking(bool non_blocking) {
  SANE_Status status = sane_set_io_mode(H(handle_), non_blocking ? SANE_TRUE : SANE_FALSE);
  if (status != SANE_STATUS_GOOD) return SaneError("sane_set_io_mode on " + name_, status);
  return Status::Ok();
}

Result<int> SaneDevice::SelectFd() const {
  SANE_Int fd = -1;
  SANE_Status status = sane_get_select_fd(H(handle_), &fd);
  if (status == SANE_STATUS_UNSUPPORTED)
    return Status(Code::kFailedPrecondition, "scanner " + name_ + " offers no select fd");
  if (status != SANE_STATUS_GOOD) return SaneError("sane_get_select_fd on " + name_, status);
  return static_cast<int>(fd);
}

}  // namespace intake::capture
