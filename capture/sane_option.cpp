#include "capture/sane_option.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <sstream>

namespace intake::capture {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string FormatNumber(double v, OptionType type) {
  if (type != OptionType::kFixed || std::floor(v) == v) {
    std::ostringstream s;
    s << static_cast<long long>(std::llround(v));
    return s.str();
  }
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One number, optionally followed by the option's unit suffix.
std::optional<double> ParseNumber(std::string_view text, const OptionDescriptor& option) {
  text = Trim(text);
  std::string_view suffix = OptionUnitSuffix(option.unit);
  if (!suffix.empty() && text.size() > suffix.size() &&
      Lower(text.substr(text.size() - suffix.size())) == suffix)
    text = Trim(text.substr(0, text.size() - suffix.size()));
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (option.type == OptionType::kInt && std::floor(value) != value) return std::nullopt;
  return value;
}

Status NotAllowed(const OptionDescriptor& option, std::string_view text) {
  return InvalidArgument("option '" + option.name + "': '" + std::string(text) +
                         "' is not allowed; the device allows " + DescribeAllowed(option));
}

bool InRange(const OptionDescriptor& option, double v) {
  const double eps = option.type == OptionType::kFixed ? 1.0 / 65536.0 : 0.0;
  if (v < option.min - eps || v > option.max + eps) return false;
  if (option.quant > 0) {
    double steps = (v - option.min) / option.quant;
    if (std::fabs(steps - std::round(steps)) > 1e-6 + eps / option.quant) return false;
  }
  return true;
}

}  // namespace

std::string_view OptionTypeName(OptionType type) {
  switch (type) {
    case OptionType::kBool: return "bool";
    case OptionType::kInt: return "int";
    case OptionType::kFixed: return "fixed";
    case OptionType::kString: return "string";
    case OptionType::kButton: return "button";
    case OptionType::kGroup: return "group";
  }
  return "?";
}

std::string_view OptionUnitSuffix(OptionUnit unit) {
  switch (unit) {
    case OptionUnit::kNone: return "";
    case OptionUnit::kPixel: return "px";
    case OptionUnit::kBit: return "bit";
    case OptionUnit::kMm: return "mm";
    case OptionUnit::kDpi: return "dpi";
    case OptionUnit::kPercent: return "%";
    case OptionUnit::kMicrosecond: return "us";
  }
  return "";
}

std::string DescribeAllowed(const OptionDescriptor& option) {
  std::string unit(OptionUnitSuffix(option.unit));
  std::string out;
  switch (option.type) {
    case OptionType::kBool: return "yes|no";
    case OptionType::kButton: return "a press (no value)";
    case OptionType::kGroup: return "nothing (a group title)";
    default: break;
  }
  switch (option.constraint) {
    case ConstraintKind::kRange:
      out = FormatNumber(option.min, option.type) + ".." + FormatNumber(option.max, option.type);
      if (!unit.empty()) out += " " + unit;
      if (option.quant > 0 && !(option.type == OptionType::kInt && option.quant == 1))
        out += " (step " + FormatNumber(option.quant, OptionType::kFixed) + ")";
      break;
    case ConstraintKind::kWordList:
      for (size_t i = 0; i < option.word_list.size(); ++i)
        out += (i ? "|" : "") + FormatNumber(option.word_list[i], option.type);
      if (!unit.empty()) out += " " + unit;
      break;
    case ConstraintKind::kStringList:
      for (size_t i = 0; i < option.string_list.size(); ++i)
        out += (i ? "|" : "") + option.string_list[i];
      break;
    case ConstraintKind::kNone:
      out = option.type == OptionType::kString ? "any text" : "any number";
      if (option.type == OptionType::kString) out += " up to " + std::to_string(option.size - 1) + " bytes";
      else if (!unit.empty()) out += " (" + unit + ")";
      break;
  }
  if (option.value_count > 1) out = std::to_string(option.value_count) + " values, each " + out;
  return out;
}

std::optional<std::string> MatchStringListEntry(const OptionDescriptor& option,
                                                std::string_view requested) {
  for (const auto& entry : option.string_list)
    if (entry == requested) return entry;
  std::string lower = Lower(requested);
  for (const auto& entry : option.string_list)
    if (Lower(entry) == lower) return entry;
  return std::nullopt;
}

Result<OptionValue> ParseOptionValue(const OptionDescriptor& option, std::string_view text) {
  if (option.inactive)
    return Status(Code::kFailedPrecondition,
                  "option '" + option.name + "' is inactive with the current settings");
  if (!option.soft_select)
    return Status(Code::kFailedPrecondition, "option '" + option.name + "' is read-only");
  OptionValue value;
  switch (option.type) {
    case OptionType::kGroup:
      return InvalidArgument("'" + option.name + "' is a group title, not an option");
    case OptionType::kButton:
      return value;
    case OptionType::kBool: {
      std::string t = Lower(Trim(text));
      if (t == "yes" || t == "true" || t == "1" || t == "on") value.numbers = {1};
      else if (t == "no" || t == "false" || t == "0" || t == "off") value.numbers = {0};
      else return NotAllowed(option, text);
      return value;
    }
    case OptionType::kString: {
      if (option.constraint == ConstraintKind::kStringList) {
        auto match = MatchStringListEntry(option, Trim(text));
        if (!match) return NotAllowed(option, text);
        value.text = *match;
      } else {
        value.text = std::string(text);
      }
      if (option.size > 0 && value.text.size() + 1 > static_cast<size_t>(option.size))
        return InvalidArgument("option '" + option.name + "': the value is longer than the " +
                               std::to_string(option.size - 1) + " bytes the device accepts");
      return value;
    }
    case OptionType::kInt:
    case OptionType::kFixed: {
      std::string_view rest = text;
      while (true) {
        size_t comma = rest.find(',');
        auto number = ParseNumber(rest.substr(0, comma), option);
        if (!number) return NotAllowed(option, text);
        bool ok = true;
        if (option.constraint == ConstraintKind::kRange) ok = InRange(option, *number);
        if (option.constraint == ConstraintKind::kWordList)
          ok = std::any_of(option.word_list.begin(), option.word_list.end(),
                           [&](double w) { return std::fabs(w - *number) < 1e-4; });
        if (!ok) return NotAllowed(option, text);
        value.numbers.push_back(*number);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      // One value for an array option fills every element (e.g. a flat gamma table).
      if (value.numbers.size() == 1 && option.value_count > 1)
        value.numbers.assign(static_cast<size_t>(option.value_count), value.numbers[0]);
      if (static_cast<int>(value.numbers.size()) != option.value_count)
        return InvalidArgument("option '" + option.name + "' takes " +
                               std::to_string(option.value_count) + " values, got " +
                               std::to_string(value.numbers.size()));
      return value;
    }
  }
  return Internal("unknown option type");
}

std::string FormatOptionValue(const OptionDescriptor& option, const OptionValue& value) {
  if (option.type == OptionType::kString) return value.text;
  if (option.type == OptionType::kBool)
    return !value.numbers.empty() && value.numbers[0] != 0 ? "yes" : "no";
  std::string out;
  for (size_t i = 0; i < value.numbers.size(); ++i)
    out += (i ? "," : "") + FormatNumber(value.numbers[i], option.type);
  return out;
}

}  // namespace intake::capture
