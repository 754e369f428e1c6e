// The option model: SANE option descriptors as plain values, and the parsing and checking of
// a setting ("resolution=300", "source=ADF Duplex") against what the device allows.
//
// Values travel as text between the CLI, profiles and page metadata, and as OptionValue
// inside. Every failed check says what the device allows, e.g.
//   "option 'resolution': 600 is not allowed; the device allows 75|100|150|300 dpi".
//
// Thread safety: value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace intake::capture {

enum class OptionType { kBool, kInt, kFixed, kString, kButton, kGroup };
enum class OptionUnit { kNone, kPixel, kBit, kMm, kDpi, kPercent, kMicrosecond };
enum class ConstraintKind { kNone, kRange, kWordList, kStringList };

struct OptionDescriptor {
  int index = 0;  // SANE option number
  std::string name, title, description;
  OptionType type = OptionType::kInt;
  OptionUnit unit = OptionUnit::kNone;
  int size = 0;         // bytes (strings: buffer size incl. NUL; numbers: 4 per element)
  int value_count = 1;  // elements of a number array (gamma tables have many)
  // Capabilities (SANE_CAP_*).
  bool soft_select = false, hard_select = false, soft_detect = false, emulated = false,
       automatic = false, inactive = false, advanced = false;
  ConstraintKind constraint = ConstraintKind::kNone;
  double min = 0, max = 0, quant = 0;   // kRange (kFixed values unscaled to doubles)
  std::vector<double> word_list;        // kWordList
  std::vector<std::string> string_list; // kStringList

  bool active() const { return !inactive; }
  // Software can set it now.
  bool settable() const { return soft_select && !inactive && type != OptionType::kGroup; }
  // Software can read it now (a sensor is readable but not settable).
  bool readable() const {
    return soft_detect && !inactive && type != OptionType::kGroup && type != OptionType::kButton;
  }
  // Read-only detectable values such as scanner buttons (scan, copy, email, file...).
  bool is_sensor() const { return readable() && !soft_select; }
};

// A typed value. Numbers (bool as 0/1, int, fixed) live in `numbers`; strings in `text`.
struct OptionValue {
  std::vector<double> numbers;
  std::string text;
};

std::string_view OptionTypeName(OptionType type);
std::string_view OptionUnitSuffix(OptionUnit unit);  // "dpi", "mm", "%", "" ...

// What the descriptor allows, for messages and `intake devices`: "75|100|300 dpi",
// "0..215.9 mm (step 0.1)", "Flatbed|ADF|ADF Duplex", "yes|no", "any text".
std::string DescribeAllowed(const OptionDescriptor& option);

// Parses `text` for this option and checks it against the constraint. Bools accept
// yes/no/true/false/1/0/on/off; numbers may carry the unit suffix ("300dpi"); a range with a
// quantisation must be met exactly. Fails with kInvalidArgument naming the option, the value
// and what the device allows; with kFailedPrecondition if the option is inactive or read-only.
Result<OptionValue> ParseOptionValue(const OptionDescriptor& option, std::string_view text);

// The value as text in the same syntax ParseOptionValue accepts ("300", "yes", "Gray", "1,2,3").
std::string FormatOptionValue(const OptionDescriptor& option, const OptionValue& value);

// Case-insensitive match of a requested string against a string list, e.g. "adf" -> "ADF".
std::optional<std::string> MatchStringListEntry(const OptionDescriptor& option,
                                                std::string_view requested);

}  // namespace intake::capture
