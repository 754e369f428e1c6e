// A synthetic but realistically sized case folder for the signing benchmark.
#pragma once

#include <cstdint>
#include <filesystem>

namespace intake::bench {

// Writes <dir> as docs/case-layout.md describes, with `pages` pages: pages/NNNN.jpg are the
// corpus's scanned JPEGs (1.3-2.3 MB each, cycled), ocr/ holds an 80 KB cleaned image, text,
// hOCR and JSON per page, documents/ one PDF-sized blob per 10 pages, brought/ one signed PDF.
// Returns the total bytes written.
uint64_t WriteBenchCase(const std::filesystem::path& dir, int pages,
                        const std::filesystem::path& corpus_dev);

}  // namespace intake::bench
