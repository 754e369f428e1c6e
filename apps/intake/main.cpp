// intake: the front-desk command line. Dispatches to the registered subcommands.
#include <iostream>

#include "apps/intake/command.h"

int main(int argc, char** argv) {
  using intake::cli::Commands;
  std::string name = argc > 1 ? argv[1] : "help";
  if (name == "help" || name == "--help" || name == "-h") {
    std::cout << "usage: intake <command> [options]\n\ncommands:\n";
    for (const auto& c : Commands()) std::cout << "  " << c.name << "\t" << c.summary << "\n";
    return argc > 1 ? 0 : 2;
  }
  for (const auto& c : Commands()) {
    if (c.name == name) return c.run(intake::cli::Args(argv + 2, argv + argc));
  }
  std::cerr << "intake: unknown command '" << name << "' (see: intake help)\n";
  return 2;
}
