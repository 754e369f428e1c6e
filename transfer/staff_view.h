// StaffView: the back-office clerk's read-only pages, served by the receiver under /staff/:
//   GET /staff/                                the received cases (HTML)
//   GET /staff/cases/<id>                      one case: summary and its files (HTML)
//   GET /staff/cases/<id>/files/<path>         one file of the case, with its Content-Type
//   GET /staff/?before=<cursor>                the next (older) page of the list
//   GET /staff/?after=<cursor>                 the previous (newer) page
// The list shows kStaffPageSize cases a page, newest receipt first, paged by cursors
// (staff_case_index.h) so pages stay put while cases arrive; a malformed cursor or another
// query parameter is 400.
// Cases hold personal data, so every request must come from the receiver's own host (a
// loopback client address) AND name it in Host (127.0.0.1:PORT, localhost:PORT), which stops
// a web page elsewhere from reaching it through DNS rebinding. Only GET/HEAD. A file is served
// only when its exact relative path is one the case folder lists (CaseFiler::Files), so "..",
// absolute and encoded paths cannot leave the case folder; symbolic links are never served.
// Nothing about a case is logged.
//   GET  /staff/paper       a form to record paper originals received (typed register and
//   POST /staff/paper       cover-sheet ids), when a StaffPaperDesk is wired (paper/ sits above
//                           transfer, so the program supplies it). The POST must carry the
//                           per-start token of the form and, if the browser sends Origin, ours.
//
// Thread safety: Handle() may run on several connection threads at once (it only reads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "transfer/case_filer.h"
#include "transfer/http_server.h"
#include "transfer/staff_case_index.h"
#include "transfer/staff_page.h"

namespace intake::transfer {

// The paper desk as the staff view uses it. receive: records paper received at the desk:
// `typed` register / case / code ids, `clerk` the clerk's id (no names); returns the report to
// show the clerk (Ukrainian, plain text) or a Status whose message says what to do. Both are
// called from connection threads and must serialise themselves.
struct StaffPaperDesk {
  std::function<Result<std::string>(const std::vector<std::string>& typed, const std::string& clerk)>
      receive;
  // What the back office recorded of the paper originals of the cases of `workstations`:
  // case id → a short Ukrainian text ("отримано 2", "отримано 1, бракує 1"); cases without a
  // recorded receipt are absent. May be empty.
  std::function<std::map<std::string, std::string>(const std::vector<std::string>& workstations)>
      paper_status;
  explicit operator bool() const { return static_cast<bool>(receive); }
};

inline constexpr size_t kStaffPageSize = 50;

class StaffView {
 public:
  // `filer` is borrowed and must outlive the view; `port` tells the port the server listens on
  // (known only once it started); `back_office` names this office on the pages. `paper_desk`
  // may be empty (no paper form); `token` guards its POSTs. `page_size`: cases per list page.
  StaffView(const CaseFiler& filer, std::function<uint16_t()> port, std::string back_office,
            StaffPaperDesk paper_desk = {}, std::string token = {},
            size_t page_size = kStaffPageSize);

  static bool Handles(const std::string& path) { return path == "/staff" || path.rfind("/staff/", 0) == 0; }
  // A handler for a request whose path Handles() (bodies up to 16 KiB); never nullptr.
  std::unique_ptr<RequestHandler> Route(HttpRequestHead head) const;
  // The answer to a request whose path Handles(), with its (small) body.
  HttpReply Handle(const HttpRequestHead& head, const std::string& body = {}) const;

  // A filed case's summary: its receipt, and the workstation named in the unpacked bag's
  // case.json when there is one. kNotFound when the case was not filed.
  Result<StaffCaseSummary> Summary(const std::string& case_id) const;

 private:
  bool HostIsUs(const std::string& host) const;
  HttpReply CaseList(const std::map<std::string, std::string>& query) const;
  HttpReply CasePage(const std::string& case_id) const;
  HttpReply CaseFile(const std::string& case_id, const std::string& relative) const;
  HttpReply PaperForm() const;
  HttpReply PaperPost(const HttpRequestHead& head, const std::string& body) const;

  const CaseFiler& filer_;
  std::function<uint16_t()> port_;
  std::string back_office_;
  StaffPaperDesk paper_desk_;
  std::string token_;
  size_t page_size_;
  std::unique_ptr<StaffCaseIndex> index_;  // serialises itself; Handle() stays const
};

// The Content-Type a case file is served with: PDF, plain text, JSON/XML as text, PNG, JPEG,
// TIFF; anything else is application/octet-stream (and served as a download).
std::string StaffContentType(const std::string& relative_path);

}  // namespace intake::transfer
