// StaffCaseIndex: the received cases in the order the staff list shows them — newest receipt
// first (receipt time descending, then case id descending) — paged by cursors.
//
// A filed case never changes (CaseFiler files atomically and idempotently), so each case's
// summary is read once and kept in memory; a page then costs one scan of the inbox directory
// (names only) plus the summaries of the cases that arrived since the previous request. Case
// folders that disappeared (archived) drop out of the index.
//
// Cursors name a position in the order, not a page number, so pages stay stable while cases
// keep arriving: new cases are the newest and appear on the first page only, never push an
// already listed case onto the next page.
//   "before" cursor: the cases older than it (the next page);
//   "after"  cursor: the page of cases just newer than it (the previous page).
// A cursor's text is "<received_at>~<case_id>" (received_at empty when the receipt had no
// readable time); neither part can contain '~'.
//
// Thread safety: Page() may be called from several threads at once (it serialises itself).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "transfer/staff_page.h"

namespace intake::transfer {

struct StaffListCursor {
  std::string received_at;  // "YYYY-MM-DDTHH:MM:SSZ" or ""
  std::string case_id;
  bool operator==(const StaffListCursor&) const = default;
};

// The cursor of a listed case; "<received_at>~<case_id>" (a time that is not of the
// receipt's form sorts, and is written, as "").
StaffListCursor StaffCursorOf(const StaffCaseSummary& summary);
std::string FormatStaffCursor(const StaffListCursor& cursor);
// kInvalidArgument (with what is wrong) unless the text is a cursor FormatStaffCursor writes.
Result<StaffListCursor> ParseStaffCursor(std::string_view text);

struct StaffListPage {
  std::vector<StaffCaseSummary> cases;  // newest first, at most the page size
  size_t total = 0;                     // cases in the inbox at this request
  size_t first_position = 0;            // 1-based position of cases[0] in the whole list (0: empty)
  std::optional<StaffListCursor> newer;  // set when newer cases exist: the "after" cursor to them
  std::optional<StaffListCursor> older;  // set when older cases exist: the "before" cursor to them
};

class StaffCaseIndex {
 public:
  // Reads one filed case's summary; kNotFound for a folder that is not (yet) a filed case.
  using Loader = std::function<Result<StaffCaseSummary>(const std::string& case_id)>;

  StaffCaseIndex(std::filesystem::path inbox, Loader load)
      : inbox_(std::move(inbox)), load_(std::move(load)) {}

  // At most `page_size` cases (>= 1): with `before`, those just older than it; with `after`,
  // those just newer than it (the newest page when fewer than a page are newer); with neither,
  // the newest. Both set is kInvalidArgument. A cursor need not name a case still present.
  Result<StaffListPage> Page(const std::optional<StaffListCursor>& before,
                             const std::optional<StaffListCursor>& after, size_t page_size);

 private:
  // Newest first: the greater time, then the greater case id.
  struct NewestFirst {
    bool operator()(const StaffListCursor& a, const StaffListCursor& b) const {
      if (a.received_at != b.received_at) return a.received_at > b.received_at;
      return a.case_id > b.case_id;
    }
  };
  // Brings the index in line with the inbox (caller holds mutex_).
  void Refresh();

  const std::filesystem::path inbox_;
  const Loader load_;
  std::mutex mutex_;
  std::map<StaffListCursor, StaffCaseSummary, NewestFirst> ordered_;
  std::unordered_map<std::string, StaffListCursor> by_id_;
};

}  // namespace intake::transfer
