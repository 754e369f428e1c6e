// The cover sheet printed at intake and put on top of a case's paper originals: case id,
// applicant's initials (never the full name), the item list with a box per item for the back
// office, and a QR code (paper_code.h) that links the paper to the e-case.
//
// Thread safety: reentrant.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"
#include "paper/paper_code.h"
#include "paper/paper_time.h"
#include "paper/paper_types.h"

namespace intake::paper {

// The cover code payload for a case's items.
CaseItems CoverItemsOf(const CaseIntake& intake);

// The PDF bytes (A4, one page per 18 items).
Result<std::string> RenderCoverSheetPdf(const CaseIntake& intake, Date intake_date);

// Renders and writes atomically (parent folders created).
Status WriteCoverSheetPdf(const CaseIntake& intake, const std::filesystem::path& out,
                          Date intake_date = DayOf(Now()));

}  // namespace intake::paper
