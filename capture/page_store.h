// PageStore: the case's pages/ folder (docs/case-layout.md), written durably and in order.
//
// A page is pages/NNNN.<ext> (the image exactly as captured) plus pages/NNNN.json (capture
// metadata). The image is renamed into place first, the JSON last: a page exists once its
// JSON exists. Open() continues numbering after the highest complete page, so a batch that
// resumes after a fault appends to the same case; leftovers of a page that never completed
// (a crash mid-page) are removed and counted.
//
// Thread safety: one writer per case folder (the workstation's capture daemon). A writer holds
// an advisory lock (flock on the pages folder) while its PageStore lives; Open() removes leftovers only
// when it gets that lock, so opening a case that is being scanned never deletes the page in
// flight. Readers that only list pages use ListPages(), which never changes the folder.
#pragma once

#include <filesystem>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/unique_fd.h"

namespace intake::capture {

struct PageCheck {
  std::string check;       // "nearly_blank", "too_dark", "too_light", "too_long", ...
  std::string message_uk;  // what the operator sees
  std::string detail;      // English, numbers only (for logs)
};

struct PageMetadata {
  int sequence = 0;             // filled by PageStore::Commit
  std::string device;           // "pnm:0"
  std::string source;           // "flatbed", "adf-front", "adf-back", "file"
  std::map<std::string, std::string> settings;  // option name -> value as text
  std::string captured_at;      // UTC, ISO 8601 (filled by Commit when empty)
  int width = 0, height = 0;    // pixels
  double dpi = 0;               // x resolution the device reported (0 = unknown)
  int depth = 8;
  std::string layout;           // "gray", "rgb", "three-pass", "lineart"
  uint64_t bytes = 0;           // image file size (filled by Commit)
  std::string file;             // "0001.pnm" (filled by Commit)
  std::vector<PageCheck> checks;  // empty = nothing to look at
  bool rescan = false;          // the operator should rescan this page
  int batch_page = 0;           // 1-based position within its batch
};

std::string PageMetadataToJson(const PageMetadata& metadata);
Result<PageMetadata> PageMetadataFromJson(std::string_view json);

class PageStore {
 public:
  // Creates <case_dir>/pages if needed and finds the next sequence number.
  static Result<PageStore> Open(const std::filesystem::path& case_dir);

  const std::filesystem::path& pages_dir() const { return pages_dir_; }
  int next_sequence() const { return next_sequence_; }
  // Partial leftovers removed by Open() (pages that never completed).
  int removed_partials() const { return removed_partials_; }

  // Where to stream the next page before it is committed (hidden, same folder).
  std::filesystem::path PartialPath(const std::string& ext) const;

  // REQUIRES: the data of `partial` is on disk (fsync/fdatasync by its writer).
  // Makes the page at `partial` page next_sequence(): writes and syncs its JSON under a hidden
  // name, renames the image to NNNN.<ext>, then the JSON to NNNN.json, and syncs the folder
  // once. When this returns OK the page survives a power cut. Fills the metadata's sequence,
  // file, bytes and captured_at. On failure the page is not committed and not visible, and
  // `partial` is kept for the caller to discard.
  Result<PageMetadata> Commit(const std::filesystem::path& partial, const std::string& ext,
                              PageMetadata metadata);
  // Removes a partial page that will not be committed (a broken page).
  void Discard(const std::filesystem::path& partial) const;

  // Complete pages, in sequence order.
  Result<std::vector<PageMetadata>> List() const;
  // Read-only: the complete pages of <case_dir>/pages (empty if there is no pages folder).
  static Result<std::vector<PageMetadata>> ListPages(const std::filesystem::path& case_dir);
  // False when another PageStore (any process) was writing the case at Open().
  bool exclusive() const { return static_cast<bool>(writer_lock_); }

 private:
  explicit PageStore(std::filesystem::path pages_dir) : pages_dir_(std::move(pages_dir)) {}
  std::filesystem::path pages_dir_;
  int next_sequence_ = 1;
  int removed_partials_ = 0;
  UniqueFd writer_lock_;  // the pages folder, flock'ed; invalid if another writer holds it
};

// "0001" for 1.
std::string PageStem(int sequence);

}  // namespace intake::capture
