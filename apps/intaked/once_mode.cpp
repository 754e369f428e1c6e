// intaked --once: one case from the desk scanner to the transfer queue, each stage printed.
#include <iostream>

#include "apps/intaked/intaked_modes.h"
#include "workstation/case_pipeline.h"

namespace intake {

namespace {

int Fail(const std::string& what, const Status& status) {
  std::cerr << "intaked: " << what << ": " << status.message() << "\n";
  return 1;
}

}  // namespace

int RunOnce(const IntakedFlags& flags, const WorkstationConfig& config) {
  auto print = [](const std::string& stage, const std::string& detail) {
    std::cout << "[" << stage << "] " << detail << std::endl;
  };
  auto pipeline = CasePipeline::Open(config, print);
  if (!pipeline.ok()) return Fail("spool", pipeline.status());
  // The scanner first: a missing scanner must not leave an empty case folder behind.
  if (!flags.no_scan) {
    auto scanner = (*pipeline)->Scanner();
    if (!scanner.ok()) {
      std::cerr << "intaked: scanner: " << scanner.status().message() << "\n"
                << "intaked: no case was opened"
                << (flags.case_id ? " (case " + *flags.case_id + " is unchanged)" : "")
                << "; connect the scanner (intake devices lists what SANE sees) and run again\n";
      return 1;
    }
  }
  std::string case_id;
  if (flags.case_id) {
    Status open = (*pipeline)->ResumeCase(*flags.case_id);
    if (!open.ok()) return Fail("case", open);
    case_id = *flags.case_id;
    print("case", "resumed " + case_id + " in " + (*pipeline)->CaseDir(case_id).string());
  } else {
    auto opened = (*pipeline)->NewCase();
    if (!opened.ok()) return Fail("new case", opened.status());
    case_id = *opened;
  }
  if (!flags.no_scan) {
    auto scanned = (*pipeline)->Scan(case_id, flags.scan_files);
    if (!scanned.ok()) {
      std::cerr << "intaked: scan: " << scanned.status().message() << "\n"
                << "intaked: case " << case_id << " stays open; continue it with: intaked --once "
                << "--case " << case_id << "\n";
      return 1;
    }
    if (!scanned->fault_uk.empty()) {
      std::cerr << "intaked: " << scanned->fault_uk << "\n";
      std::cerr << "intaked: case " << case_id << " keeps the " << scanned->pages_captured
                << " pages scanned before the fault; continue it with: intaked --once --case "
                << case_id << "\n";
      return 1;
    }
  }
  auto recognised = (*pipeline)->Recognise(case_id);
  if (!recognised.ok()) return Fail("recognition", recognised.status());
  std::cout << "[ocr] " << recognised->pages_recognised_now << " pages in "
            << recognised->seconds << " s" << std::endl;
  auto sealed = (*pipeline)->Seal(case_id);
  if (!sealed.ok()) {
    Fail("seal", sealed.status());
    std::cerr << "intaked: case " << case_id << " keeps its pages; after fixing the cause: "
              << "intaked --once --case " << case_id << " --no-scan\n";
    return 1;
  }
  std::cout << "[done] case " << case_id << " queued: " << sealed->package << " ("
            << sealed->package_bytes << " bytes, sha256 " << sealed->package_sha256 << ")"
            << std::endl;
  return 0;
}

}  // namespace intake
