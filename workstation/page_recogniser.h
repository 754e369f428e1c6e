// Recognition of a case's pages: every page in <case>/pages that has no ocr/NNNN.json yet is
// cleaned and read in parallel (ocr::EnginePool, one Tesseract engine per core), and the
// results of every page, new or earlier, are summarised for case.json.
//
// A page that cannot be read (a corrupt file) is reported and counted, not fatal: it stays in
// pages/ for the operator to rescan.
//
// Thread safety: one call at a time per case folder.
#pragma once

#include <filesystem>

#include "workstation/case_pipeline.h"

namespace intake {

Result<RecogniseSummary> RecogniseCasePages(const std::filesystem::path& case_dir,
                                            const StageReporter& report);

// The summary of a page from its ocr/NNNN.json (the `intake ocr --json` object).
Result<PageSummary> ParsePageSummary(const std::string& page_json);

}  // namespace intake
