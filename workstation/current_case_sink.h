// CurrentCaseSink: where the watched folder's pages go in the daemon — the current case.
//
// Each call asks `case_dir_for_import` for the current case's folder (the daemon opens a new
// case on demand when none is open) and stores pages through a capture::PageStoreSink on
// that case's PageStore. The store is kept between pages of a pass and dropped by Release()
// (the daemon calls it after every import pass), so the scanner's batches and the imports
// never hold the case's pages folder at the same time.
//
// Thread safety: the daemon's worker thread only.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "capture/folder_import_sink.h"
#include "capture/page_checks.h"
#include "capture/page_store.h"

namespace intake {

class CurrentCaseSink final : public capture::ImportedPageSink {
 public:
  using CaseDirProvider = std::function<Result<std::filesystem::path>()>;

  // `device` is recorded as each page's device, e.g. "file:scanner-inbox". Each page is
  // checked against `expect` (capture/page_checks.h); a flagged page is stored with its
  // rescan flag, never dropped.
  CurrentCaseSink(CaseDirProvider case_dir_for_import, std::string device,
                  capture::PageExpectations expect = {});
  ~CurrentCaseSink() override;

  Result<std::set<int>> StoredPages(const capture::ImportSourceFile& source) override;
  Status StorePage(const capture::ImportSourceFile& source,
                   const capture::ImageFilePage& page) override;
  std::string DestinationName() const override;

  // Closes the case's page store (the next page opens it again).
  void Release();
  // Pages stored since the last call (for the operator's screen).
  int TakeStoredCount();

 private:
  Result<capture::ImportedPageSink*> Sink();

  CaseDirProvider case_dir_for_import_;
  std::string device_;
  capture::PageExpectations expect_;
  std::filesystem::path case_dir_;
  std::optional<capture::PageStore> store_;
  std::unique_ptr<capture::ImportedPageSink> sink_;
  int stored_ = 0;
};

}  // namespace intake
