// Where imported file pages go: the seam between the folder importer and the case's pages.
//
// The importer hands over pages one at a time together with the file they came from. A sink
// also answers which pages of a file it already holds, so an import interrupted by a crash or
// a power cut resumes where it stopped instead of storing pages twice (files are identified by
// content fingerprint, not by name: scanners reuse names such as scan0001.pdf).
//
// Thread safety: a sink is used by one importer thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "capture/image_file_reader.h"
#include "core/status.h"

namespace intake::capture {

// The file a page comes from.
struct ImportSourceFile {
  std::filesystem::path path;  // where it is being read now
  std::string name;            // its file name as the scanner saved it
  std::string fingerprint;     // content identity (FolderImportFingerprint)
  std::uint64_t size = 0;
  ImageFileFormat format = ImageFileFormat::kPng;
  int page_count = 0;
};

class ImportedPageSink {
 public:
  virtual ~ImportedPageSink() = default;

  // Page indexes (0-based) of `source` already stored, found by its fingerprint.
  virtual Result<std::set<int>> StoredPages(const ImportSourceFile& source) = 0;

  // Stores page `page.page_index` of `source` durably (it survives a power cut once this
  // returns OK). On failure nothing of this page is stored.
  virtual Status StorePage(const ImportSourceFile& source, const ImageFilePage& page) = 0;

  // A short name of where pages go, for the import ledger and logs (e.g. the case id).
  virtual std::string DestinationName() const = 0;
};

}  // namespace intake::capture
