// PageStoreSink: stores imported file pages in a case's PageStore (pages/NNNN.<ext> + .json,
// docs/case-layout.md).
//
// A single-page PNG or JPEG is stored byte for byte as it arrived (pages hold "the image
// exactly as captured"); pages of a multi-page TIFF or a PDF are stored as PNG (lossless,
// fast zlib setting). The page JSON says where the page came from: source "file", device
// "file:<watched folder name>", and in settings: source_file, source_page (1-based),
// source_pages, source_format, source_fingerprint, source_bits, dpi_from_file.
//
// Thread safety: as PageStore (one writer per case folder). The store is borrowed: the
// capture daemon shares one PageStore between the scanner and the watched folder so
// sequence numbers never collide.
#pragma once

#include <string>

#include "capture/folder_import_sink.h"
#include "capture/page_store.h"

namespace intake::capture {

class PageStoreSink final : public ImportedPageSink {
 public:
  // `store` must outlive the sink. `device` is recorded as the page's device
  // (e.g. "file:scanner-inbox").
  PageStoreSink(PageStore& store, std::string device);

  Result<std::set<int>> StoredPages(const ImportSourceFile& source) override;
  Status StorePage(const ImportSourceFile& source, const ImageFilePage& page) override;
  // The case folder's name (the case id).
  std::string DestinationName() const override;

 private:
  PageStore& store_;
  std::string device_;
};

}  // namespace intake::capture
