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

int Fail(const std::string& command, const std::string& message, int code) {
  std::cerr << "intake " << command << ": " << message << "\n";
  return code;
}

}  // namespace intake::cli
