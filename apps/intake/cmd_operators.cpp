// `intake operators hash [--id ID] [--name NAME]`
// Reads one PIN from stdin (the first line; with a terminal the PIN is not echoed) and prints
// the argon2id string for the workstation config's "operators" list (workstation_config.h),
// so IT never writes a PIN into a file. With --id (and --name) it prints the whole entry:
//   {"id": "operator-1", "name": "Олена Т.", "pin_hash": "$argon2id$..."}
// Exit codes: 0 printed, 1 could not hash (the PIN too short or too long), 2 usage.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "apps/intake/command.h"
#include "workstation/kiosk_login.h"

namespace intake::cli {
namespace {

// Reads a line from stdin; with a terminal, echo is off while it is typed.
std::string ReadPin() {
  const bool tty = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::cerr << "PIN: " << std::flush;
  }
  std::string pin;
  std::getline(std::cin, pin);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!pin.empty() && pin.back() == '\r') pin.pop_back();
  return pin;
}

int RunOperators(const Args& input) {
  Args args = input;
  const char* usage = "usage: intake operators hash [--id ID] [--name NAME] < pin";
  if (args.empty() || args[0] != "hash") return Fail("operators", usage, 2);
  args.erase(args.begin());
  std::string id, name;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--id" || args[i] == "--name") && i + 1 < args.size()) {
      (args[i] == "--id" ? id : name) = args[i + 1];
      ++i;
    } else {
      return Fail("operators", usage, 2);
    }
  }
  auto hash = HashOperatorPin(ReadPin());
  if (!hash.ok()) return Fail("operators", hash.status().message());
  if (id.empty()) {
    std::cout << *hash << "\n";
  } else {
    nlohmann::json entry = {{"id", id}, {"name", name.empty() ? id : name}, {"pin_hash", *hash}};
    std::cout << entry.dump() << "\n";
  }
  return 0;
}

const CommandRegistration kRegistration(
    "operators", "hash a kiosk operator's PIN (read from stdin) for the workstation config",
    RunOperators);

}  // namespace
}  // namespace intake::cli
