// CasePipeline: one applicant's case from the scanner to the transfer queue.
//
//   NewCase()    allocates the case id, creates <spool>/cases/<id>/
//   ResumeCase() checks that an open case (a failed run, the daemon's current case) is there
//   Scan()       one batch from the desk scanner into pages/ (faults keep finished pages)
//   Recognise()  cleanup + OCR of every page not yet recognised, in parallel (EnginePool),
//                writing ocr/NNNN.* (docs/case-layout.md)
//   Seal()       case.json, a searchable PDF per document (documents/), BagIt bag signed with the workstation key, encrypted to the back
//                office, queued durably, paper items recorded and the cover sheet written;
//                then the plaintext case folder and bag are removed (personal data stays
//                only in the encrypted package)
//
// Each stage is restartable: a crash between stages loses nothing already captured, and
// calling the stage again continues where it stopped.
//
// Thread safety: one thread drives a pipeline.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "core/status.h"
#include "workstation/workstation_config.h"

namespace intake {

class DeskScanner;
namespace capture {
struct ScanProfile;
}  // namespace capture

// Progress lines for the operator's screen or the console ("stage", "what happened").
using StageReporter = std::function<void(const std::string& stage, const std::string& detail)>;

struct ScanSummary {
  int pages_captured = 0;
  int pages_flagged = 0;       // checks asked for a rescan
  std::string fault_uk;        // empty when the batch ended normally
  std::string fault_log;       // English
};

struct RecogniseSummary {
  std::vector<PageSummary> pages;  // every page of the case, recognised now or before
  int pages_recognised_now = 0;
  int pages_failed = 0;            // could not be read (reported, kept for a rescan)
  double seconds = 0;
};

struct SealSummary {
  std::filesystem::path package;   // the encrypted package in the outbox
  std::string package_sha256;
  int64_t package_bytes = 0;
  std::filesystem::path cover_sheet;
  CaseRecord record;               // what went into case.json (for the caller's display)
};

class CasePipeline {
 public:
  static Result<std::unique_ptr<CasePipeline>> Open(const WorkstationConfig& config,
                                                    StageReporter reporter);
  ~CasePipeline();

  // `operator_id`: who opened it (the kiosk's logged-in operator); "" = config's operator.
  Result<std::string> NewCase(const std::string& operator_id = "");
  // OK when `case_id` is an open case of this spool (folder and case.json present). Fails
  // with kNotFound saying where it may have gone (sealed and queued, or never opened).
  Status ResumeCase(const std::string& case_id) const;
  // `files` feed the virtual pnm scanner; empty for a real scanner's batch. `profile`
  // (optional, borrowed) adds its settings and page checks to this batch.
  Result<ScanSummary> Scan(const std::string& case_id,
                           const std::vector<std::filesystem::path>& files,
                           const capture::ScanProfile* profile = nullptr);
  Result<RecogniseSummary> Recognise(const std::string& case_id);
  Result<SealSummary> Seal(const std::string& case_id);

  std::filesystem::path CaseDir(const std::string& case_id) const;

  // The desk scanner, opened on first use (fails when it cannot be opened: nothing else
  // changes). Borrowed; lives as long as the pipeline.
  Result<DeskScanner*> Scanner();
  // Closes the scanner device between batches (the session stays); no-op when not open.
  void ReleaseScanner();

 private:
  CasePipeline(WorkstationConfig config, StageReporter reporter);
  Status EnsureScanner();
  Status WriteDocumentPdfs(const std::filesystem::path& case_dir, const CaseRecord& record);

  WorkstationConfig config_;
  StageReporter report_;
  std::unique_ptr<DeskScanner> scanner_;  // opened on first scan
};

}  // namespace intake
