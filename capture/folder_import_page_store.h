// PageStoreSink: stores imported file pages in a case's PageStore (pages/NNNN.<ext> + .json,
// docs/case-layout.md).
//
// A single-page PNG or JPEG is stored byte for byte as it arrived (pages hold "the image
// exactly as captured"); pages of a multi-page TIFF or a PDF are stored as PNG (lossless,
// fast zlib setting). The page JSON says where the page came from: source "file", device
// "file:<watched folder name>", and in settings: source_file, source_page (1-based),
// source_pages, source_format, source_fingerprint, source_bits, dpi_from_file.
//
// Every stored page goes through the same per-page checks as a scanned page (page_checks.h:
// too long for the profile, nearly blank, too dark/light, fewer dpi than asked); a flagged
// page is stored with rescan = true and its checks in the JSON, never dropped. The length and
// resolution checks need the page's real dpi: they are skipped for a raster file that
// records none (dpi_from_file false). A PDF page's dpi is the resolution it was rendered at.
//
// Thread safety: as PageStore (one writer per case folder). The store is borrowed: the
// capture daemon shares one PageStore between the scanner and the watched folder so
// sequence numbers never collide.
#pragma once

#include <functional>
#include <string>

#include "capture/folder_import_sink.h"
#include "capture/page_checks.h"
#include "capture/page_store.h"

namespace intake::capture {

class PageStoreSink final : public ImportedPageSink {
 public:
  // `store` must outlive the sink. `device` is recorded as the page's device
  // (e.g. "file:scanner-inbox").
  PageStoreSink(PageStore& store, std::string device);
  // The same, checking pages against `expect` (e.g. ScanProfile::Expectations()); the
  // two-argument form checks with PageExpectations{} (blank, dark, light only).
  PageStoreSink(PageStore& store, std::string device, const PageExpectations& expect);

  // Called after each page is committed (with its checks and rescan flag), on the importer's
  // thread.
  void set_on_page(std::function<void(const PageMetadata&)> on_page) {
    on_page_ = std::move(on_page);
  }

  Result<std::set<int>> StoredPages(const ImportSourceFile& source) override;
  Status StorePage(const ImportSourceFile& source, const ImageFilePage& page) override;
  // The case folder's name (the case id).
  std::string DestinationName() const override;

 private:
  PageStore& store_;
  std::string device_;
  PageExpectations expect_;
  std::function<void(const PageMetadata&)> on_page_;
};

}  // namespace intake::capture
