// The back-office clerk's HTML pages (Ukrainian labels), rendered from plain values: the list of
// received cases and one case's files. Pure functions, no I/O; every value from a case folder
// is HTML-escaped and every link is percent-encoded, so a file name cannot inject markup.
//
// Thread safety: stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace intake::transfer {

// What the staff view shows of one filed case (from its receipt and, when the package was
// unpacked, the bag's case.json). Empty strings are shown as "—".
struct StaffCaseSummary {
  std::string case_id;
  std::string workstation;    // case.json "workstation"; "" when the bag is not unpacked
  std::string received_at;    // receipt time, UTC ISO 8601
  std::string package_hash;   // "sha256:<hex>" from the receipt
  bool receipt_issued = false;  // a signed receipt is stored (it is sent with the last PATCH)
  std::string receipt_status;   // receipt "status" ("filed")
  std::string paper_status;     // recorded paper originals; "" = none recorded
};

struct StaffFileEntry {
  std::string path;  // relative to the case folder, '/'-separated
  int64_t size = 0;
};

// Values go into the pages through core's HtmlEscape (core/html_escape.h).
// Percent-encodes everything but unreserved characters (RFC 3986) and, when `keep_slash`, '/'.
std::string PercentEncode(std::string_view text, bool keep_slash);

// Where a page of the case list sits in the whole list, and the cursors of its neighbours
// (staff_case_index.h); an empty cursor means no link that way.
struct StaffListNav {
  size_t total = 0;           // cases in the whole list; 0 = just the ones given
  size_t first_position = 0;  // 1-based position of the first case given
  std::string newer_cursor;   // link "← Новіші справи" to /staff/?after=<cursor>
  std::string older_cursor;   // link "Старіші справи →" to /staff/?before=<cursor>
};

// One page of the case list (newest first as given). `back_office` names this office in the
// title. `paper_form` adds a link to the paper receipt form and the paper status column.
// `nav` adds "cases 51–100 of 5000" and the links to the newer / older pages.
std::string StaffCaseListHtml(const std::vector<StaffCaseSummary>& cases,
                              std::string_view back_office, bool paper_form = false,
                              const StaffListNav& nav = {});
// One case: its summary and a link per file to /staff/cases/<id>/files/<path>.
std::string StaffCasePageHtml(const StaffCaseSummary& summary,
                              const std::vector<StaffFileEntry>& files);
// The paper receipt form (typed register / cover-sheet ids, clerk id) with `token` in a hidden
// field; `report` (plain text, may be empty) is the outcome of the last submission, shown
// escaped above the form, `failed` marks it as an error.
std::string StaffPaperFormHtml(std::string_view token, std::string_view report, bool failed);
// A small page for a refusal or a missing page (status text in Ukrainian).
std::string StaffMessageHtml(std::string_view title, std::string_view message);

}  // namespace intake::transfer
