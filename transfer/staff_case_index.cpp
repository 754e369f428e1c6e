#include "transfer/staff_case_index.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <system_error>
#include <unordered_set>

#include "transfer/case_filer.h"

namespace intake::transfer {

namespace fs = std::filesystem;

namespace {

// "YYYY-MM-DDTHH:MM:SSZ", the form every receipt's time is written in (signing::FormatUtc).
bool IsReceiptTime(std::string_view t) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(t[i])) : t[i] != kShape[i])
      return false;
  }
  return true;
}

}  // namespace

StaffListCursor StaffCursorOf(const StaffCaseSummary& summary) {
  return {IsReceiptTime(summary.received_at) ? summary.received_at : std::string(),
          summary.case_id};
}

std::string FormatStaffCursor(const StaffListCursor& cursor) {
  return cursor.received_at + "~" + cursor.case_id;
}

Result<StaffListCursor> ParseStaffCursor(std::string_view text) {
  const size_t tilde = text.find('~');
  if (tilde == std::string_view::npos)
    return InvalidArgument("a page cursor is <receipt time>~<case id>; it has no '~'");
  StaffListCursor cursor{std::string(text.substr(0, tilde)), std::string(text.substr(tilde + 1))};
  if (!cursor.received_at.empty() && !IsReceiptTime(cursor.received_at))
    return InvalidArgument("a page cursor's time must be YYYY-MM-DDTHH:MM:SSZ");
  if (!IsSafeCaseId(cursor.case_id))
    return InvalidArgument("a page cursor's case id is not a valid case id");
  return cursor;
}

void StaffCaseIndex::Refresh() {
  std::unordered_set<std::string> present;
  std::error_code ec;
  for (fs::directory_iterator it(inbox_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (!IsSafeCaseId(name) || !it->is_directory(type_ec)) continue;
    if (by_id_.count(name) == 0) {
      auto summary = load_(name);
      if (!summary.ok()) continue;  // not (yet) a filed case; looked at again next time
      StaffListCursor key = StaffCursorOf(*summary);
      by_id_.emplace(name, key);
      ordered_.emplace(std::move(key), std::move(*summary));
    }
    present.insert(std::move(name));
  }
  if (ec) return;  // an unreadable inbox: keep what is known rather than show nothing
  if (present.size() == by_id_.size()) return;
  for (auto it = by_id_.begin(); it != by_id_.end();) {
    if (present.count(it->first)) {
      ++it;
    } else {
      ordered_.erase(it->second);
      it = by_id_.erase(it);
    }
  }
}

Result<StaffListPage> StaffCaseIndex::Page(const std::optional<StaffListCursor>& before,
                                           const std::optional<StaffListCursor>& after,
                                           size_t page_size) {
  if (before && after) return InvalidArgument("give either 'before' or 'after', not both");
  page_size = std::max<size_t>(page_size, 1);
  std::lock_guard<std::mutex> lock(mutex_);
  Refresh();
  auto first = ordered_.begin();
  if (before) {
    first = ordered_.upper_bound(*before);  // the first case older than the cursor
  } else if (after) {
    auto end = ordered_.lower_bound(*after);  // the cursor's case or the first one older
    const auto newer = static_cast<size_t>(std::distance(ordered_.begin(), end));
    first = newer > page_size ? std::prev(end, static_cast<std::ptrdiff_t>(page_size))
                              : ordered_.begin();
  }
  StaffListPage page;
  page.total = ordered_.size();
  const size_t skipped = static_cast<size_t>(std::distance(ordered_.begin(), first));
  auto it = first;
  for (; it != ordered_.end() && page.cases.size() < page_size; ++it) page.cases.push_back(it->second);
  if (page.cases.empty()) {
    if (skipped > 0 && before) page.newer = *before;  // past the oldest case: a way back
    return page;
  }
  page.first_position = skipped + 1;
  if (skipped > 0) page.newer = first->first;
  if (it != ordered_.end()) page.older = std::prev(it)->first;
  return page;
}

}  // namespace intake::transfer
