// intaked: the workstation's capture and processing daemon.
// With --once: one case from the desk scanner to the transfer queue, each stage printed.
#include <iostream>

#include "apps/intaked/intaked_flags.h"
#include "core/log.h"
#include "ocr/engine_pool.h"
#include "workstation/case_pipeline.h"
#include "workstation/workstation_config.h"

namespace {

int Fail(const std::string& what, const intake::Status& status) {
  std::cerr << "intaked: " << what << ": " << status.message() << "\n";
  return 1;
}

}  // namespace

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
  if (!config.ok()) return Fail("configuration", config.status());

  auto print = [](const std::string& stage, const std::string& detail) {
    std::cout << "[" << stage << "] " << detail << std::endl;
  };
  auto pipeline = CasePipeline::Open(*config, print);
  if (!pipeline.ok()) return Fail("spool", pipeline.status());
  auto case_id = (*pipeline)->NewCase();
  if (!case_id.ok()) return Fail("new case", case_id.status());
  auto scanned = (*pipeline)->Scan(*case_id, flags->scan_files);
  if (!scanned.ok()) return Fail("scan", scanned.status());
  if (!scanned->fault_uk.empty()) {
    std::cerr << "intaked: " << scanned->fault_uk << "\n";
    std::cerr << "intaked: case " << *case_id << " keeps the " << scanned->pages_captured
              << " pages scanned before the fault\n";
    return 1;
  }
  auto recognised = (*pipeline)->Recognise(*case_id);
  if (!recognised.ok()) return Fail("recognition", recognised.status());
  std::cout << "[ocr] " << recognised->pages_recognised_now << " pages in "
            << recognised->seconds << " s" << std::endl;
  auto sealed = (*pipeline)->Seal(*case_id);
  if (!sealed.ok()) return Fail("seal", sealed.status());
  std::cout << "[done] case " << *case_id << " queued: " << sealed->package << " ("
            << sealed->package_bytes << " bytes, sha256 " << sealed->package_sha256 << ")"
            << std::endl;
  return 0;
}
