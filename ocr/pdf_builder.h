// PdfBuilder: a PDF file assembled in memory, object by object, with its cross-reference
// table. Knows the file syntax only (objects, streams, xref, trailer); what the objects say
// is the caller's (document_pdf.cpp).
//
// Internal header of the ocr library. Thread safety: one builder per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace intake::ocr {

class PdfBuilder {
 public:
  PdfBuilder();

  // A new object number, to refer to before the object is added.
  int Reserve();
  // Adds object `number` (from Reserve) with `body` ("<< ... >>", "[ ... ]").
  void AddObject(int number, std::string_view body);
  // Adds a stream object: `dictionary_entries` without << >> and without /Length.
  void AddStream(int number, std::string_view dictionary_entries, std::string_view data);
  // The whole file: every reserved object must have been added. `root` and `info` are
  // object numbers for the trailer.
  std::string Finish(int root, int info);

 private:
  std::string out_;
  std::vector<size_t> offsets_;  // [number - 1]; 0 while reserved but not added
};

// A PDF literal string: (text) with \ ( ) escaped. For ASCII metadata only.
std::string PdfLiteral(std::string_view ascii);

// "<FEFF...>"-less UTF-16BE hex of UTF-8 text, as a hex string "<...>" for a Tj with an
// Identity-H font whose CIDs are UTF-16 code units.
std::string PdfUtf16Hex(std::string_view utf8);

// zlib (Flate) compression of `data`; empty on failure.
std::string FlateCompress(std::string_view data);

}  // namespace intake::ocr
