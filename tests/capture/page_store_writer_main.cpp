// page_store_writer: a child process for page_store_crash_test.cpp. Stores PAGES pages into
// CASE_DIR exactly the way a scan does (PnmWriter streams the page to PageStore::PartialPath,
// PageStore::Commit makes it a page) and prints "stored N" once Commit has returned for page
// N — the moment the operator would see the page as scanned.
//
//   page_store_writer CASE_DIR PAGES
//
// Page N's pixels are a pattern of N (ExpectedPagePixel), so a reader can tell a complete,
// correctly numbered page from a torn or misnumbered one. Exit 0 when all pages are stored,
// 3 when storing failed (the message says why), 2 on usage.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "capture/page_store.h"
#include "capture/pnm_writer.h"
#include "tests/capture/page_store_pattern.h"

using namespace intake::capture;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: page_store_writer CASE_DIR PAGES\n");
    return 2;
  }
  auto store = PageStore::Open(argv[1]);
  if (!store.ok()) {
    std::printf("failed open: %s\n", store.status().ToString().c_str());
    return 3;
  }
  std::printf("opened next=%d removed=%d\n", store->next_sequence(), store->removed_partials());
  std::fflush(stdout);
  const int pages = std::atoi(argv[2]);
  for (int i = 0; i < pages; ++i) {
    const int sequence = store->next_sequence();
    const PatternSize size = PatternPageSize(sequence);
    const auto partial = store->PartialPath("pnm");
    auto fail = [&](const intake::Status& s) {
      store->Discard(partial);
      std::printf("failed %d: %s\n", sequence, s.ToString().c_str());
      return 3;
    };
    auto writer = PnmWriter::Create(partial, PnmKind::kGray, size.width, 8);
    if (!writer.ok()) return fail(writer.status());
    std::vector<std::byte> row(static_cast<size_t>(size.width));
    for (int y = 0; y < size.height; ++y) {
      for (int x = 0; x < size.width; ++x) row[x] = std::byte{ExpectedPagePixel(sequence, x, y)};
      if (auto s = (*writer)->WriteRow(row); !s.ok()) return fail(s);
    }
    if (auto s = (*writer)->Finish(); !s.ok()) return fail(s);
    PageMetadata metadata;
    metadata.device = "test:crash";
    metadata.source = "adf-front";
    metadata.width = size.width;
    metadata.height = size.height;
    metadata.layout = "gray";
    metadata.batch_page = i + 1;
    auto committed = store->Commit(partial, "pnm", std::move(metadata));
    if (!committed.ok()) return fail(committed.status());
    std::printf("stored %d\n", committed->sequence);
    std::fflush(stdout);
  }
  return 0;
}
