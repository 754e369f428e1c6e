#include "core/command_line.h"

#include <algorithm>

namespace intake {

bool TakeFlag(std::vector<std::string>& args, const std::string& flag) {
  auto it = std::find(args.begin(), args.end(), flag);
  if (it == args.end()) return false;
  args.erase(it);
  return true;
}

bool TakeOption(std::vector<std::string>& args, const std::string& flag, std::string* value) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) {
      *value = args[i + 1];
      args.erase(args.begin() + i, args.begin() + i + 2);
      return true;
    }
    if (args[i].rfind(flag + "=", 0) == 0) {
      *value = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + i);
      return true;
    }
  }
  return false;
}

std::vector<std::string> TakeRepeatedOption(std::vector<std::string>& args,
                                            const std::string& flag) {
  std::vector<std::string> values;
  std::string value;
  while (TakeOption(args, flag, &value)) values.push_back(value);
  return values;
}

Result<int64_t> ParseNonNegative(const std::string& flag, const std::string& text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit) && text.size() <= 18)
    return static_cast<int64_t>(std::stoll(text));
  return InvalidArgument(flag + " needs a non-negative number, got '" + text + "'");
}

}  // namespace intake
