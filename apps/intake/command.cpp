#include "apps/intake/command.h"

#include <algorithm>
#include <iostream>

namespace intake::cli {

static std::vector<Command>& Registry() {
  static std::vector<Command> commands;
  return commands;
}

const std::vector<Command>& Commands() { return Registry(); }

CommandRegistration::CommandRegistration(std::string name, std::string summary,
                                         std::function<int(const Args&)> run) {
  Registry().push_back({std::move(name), std::move(summary), std::move(run)});
  std::sort(Registry().begin(), Registry().end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
}

bool TakeFlag(Args& args, const std::string& flag) {
  auto it = std::find(args.begin(), args.end(), flag);
  if (it == args.end()) return false;
  args.erase(it);
  return true;
}

bool TakeOption(Args& args, const std::string& flag, std::string* value) {
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

std::vector<std::string> TakeRepeatedOption(Args& args, const std::string& flag) {
  std::vector<std::string> values;
  std::string value;
  while (TakeOption(args, flag, &value)) values.push_back(value);
  return values;
}

int Fail(const std::string& command, const std::string& message, int code) {
  std::cerr << "intake " << command << ": " << message << "\n";
  return code;
}

}  // namespace intake::cli
