// Subcommand registry of the `intake` CLI.
//
// Each cmd_<name>.cpp defines one function `int Run(const Args&)` and registers it with a
// static CommandRegistration; main() looks the name up. Exit codes: 0 success, 1 the operation
// failed (message on stderr), 2 bad usage. A command documents any further codes in its help.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/command_line.h"

namespace intake::cli {

using Args = std::vector<std::string>;  // arguments after the subcommand name

struct Command {
  std::string name;
  std::string summary;  // one line for `intake help`
  std::function<int(const Args&)> run;
};

const std::vector<Command>& Commands();

struct CommandRegistration {
  CommandRegistration(std::string name, std::string summary, std::function<int(const Args&)> run);
};

// Option helpers (TakeFlag, TakeOption, TakeRepeatedOption) come from core/command_line.h.

// Prints "intake <command>: <message>" to stderr and returns exit code 1 (or `code`).
int Fail(const std::string& command, const std::string& message, int code = 1);

}  // namespace intake::cli
