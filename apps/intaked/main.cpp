// intaked: the workstation's capture and processing daemon. --once: one case, then exit;
// otherwise the desk's daemon (and, with --kiosk, its screen). See kIntakedUsage.
#include <iostream>

#include "apps/intaked/intaked_flags.h"
#include "apps/intaked/intaked_modes.h"
#include "ocr/engine_pool.h"
#include "workstation/workstation_config.h"

int main(int argc, char** argv) {
  using namespace intake;
  // Tesseract engines run one per core; OpenMP inside each would only compete (engine_pool.h).
  (void)ocr::EnsureSingleThreadedOpenMP();
  auto flags = ParseIntakedFlags(std::vector<std::string>(argv + 1, argv + argc));
  if (!flags.ok()) {
    std::cerr << "intaked: " << flags.status().message() << "\n" << kIntakedUsage;
    return 2;
  }
  auto config = LoadWorkstationConfig(flags->config);
  if (!config.ok()) {
    std::cerr << "intaked: configuration: " << config.status().message() << "\n";
    return 1;
  }
  return flags->once ? RunOnce(*flags, *config) : RunDaemon(*flags, *config);
}
