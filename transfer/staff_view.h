// StaffView: the back-office clerk's read-only pages, served by the receiver under /staff/:
//   GET /staff/                                the received cases (HTML)
//   GET /staff/cases/<id>                      one case: summary and its files (HTML)
//   GET /staff/cases/<id>/files/<path>         one file of the case, with its Content-Type
// Cases hold personal data, so every request must come from the receiver's own host (a
// loopback client address) AND name it in Host (127.0.0.1:PORT, localhost:PORT), which stops
// a web page elsewhere from reaching it through DNS rebinding. Only GET/HEAD. A file is served
// only when its exact relative path is one the case folder lists (CaseFiler::Files), so "..",
// absolute and encoded paths cannot leave the case folder; symbolic links are never served.
// Nothing about a case is logged.
//
// Thread safety: Handle() may run on several connection threads at once (it only reads).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "transfer/case_filer.h"
#include "transfer/http_server.h"
#include "transfer/staff_page.h"

namespace intake::transfer {

class StaffView {
 public:
  // `filer` is borrowed and must outlive the view; `port` tells the port the server listens on
  // (known only once it started); `back_office` names this office on the pages.
  StaffView(const CaseFiler& filer, std::function<uint16_t()> port, std::string back_office)
      : filer_(filer), port_(std::move(port)), back_office_(std::move(back_office)) {}

  static bool Handles(const std::string& path) { return path == "/staff" || path.rfind("/staff/", 0) == 0; }
  // The answer to a request whose path Handles(); never nullptr.
  HttpReply Handle(const HttpRequestHead& head) const;

  // A filed case's summary: its receipt, and the workstation named in the unpacked bag's
  // case.json when there is one. kNotFound when the case was not filed.
  Result<StaffCaseSummary> Summary(const std::string& case_id) const;

 private:
  bool HostIsUs(const std::string& host) const;
  HttpReply CaseList() const;
  HttpReply CasePage(const std::string& case_id) const;
  HttpReply CaseFile(const std::string& case_id, const std::string& relative) const;

  const CaseFiler& filer_;
  std::function<uint16_t()> port_;
  std::string back_office_;
};

// The Content-Type a case file is served with: PDF, plain text, JSON/XML as text, PNG, JPEG,
// TIFF; anything else is application/octet-stream (and served as a download).
std::string StaffContentType(const std::string& relative_path);

}  // namespace intake::transfer
