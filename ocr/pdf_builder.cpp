#include "ocr/pdf_builder.h"

#include <zlib.h>

#include <cstdio>

#include "ocr/lookalike.h"

namespace intake::ocr {

PdfBuilder::PdfBuilder() {
  // The binary comment tells transfer programs the file is binary (PDF 32000-1, 7.5.2).
  out_ = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

int PdfBuilder::Reserve() {
  offsets_.push_back(0);
  return static_cast<int>(offsets_.size());
}

void PdfBuilder::AddObject(int number, std::string_view body) {
  offsets_[number - 1] = out_.size();
  out_ += std::to_string(number) + " 0 obj\n";
  out_ += body;
  out_ += "\nendobj\n";
}

void PdfBuilder::AddStream(int number, std::string_view dictionary_entries, std::string_view data) {
  offsets_[number - 1] = out_.size();
  out_ += std::to_string(number) + " 0 obj\n<< ";
  out_ += dictionary_entries;
  out_ += " /Length " + std::to_string(data.size()) + " >>\nstream\n";
  out_ += data;
  out_ += "\nendstream\nendobj\n";
}

std::string PdfBuilder::Finish(int root, int info) {
  const size_t xref = out_.size();
  out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
  char entry[32];
  for (size_t offset : offsets_) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    out_ += entry;
  }
  out_ += "trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " +
          std::to_string(root) + " 0 R /Info " + std::to_string(info) + " 0 R >>\nstartxref\n" +
          std::to_string(xref) + "\n%%EOF\n";
  return std::move(out_);
}

std::string PdfLiteral(std::string_view ascii) {
  std::string out = "(";
  for (char c : ascii) {
    if (c == '\\' || c == '(' || c == ')') out.push_back('\\');
    out.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '?');
  }
  return out + ")";
}

std::string PdfUtf16Hex(std::string_view utf8) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "<";
  const auto put = [&](unsigned unit) {
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(unit >> shift) & 0xF]);
  };
  for (char32_t c : DecodeUtf8(utf8)) {
    if (c < 0x10000) {
      put(static_cast<unsigned>(c));
    } else {
      const char32_t v = c - 0x10000;
      put(0xD800 + static_cast<unsigned>(v >> 10));
      put(0xDC00 + static_cast<unsigned>(v & 0x3FF));
    }
  }
  return out + ">";
}

std::string FlateCompress(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    return {};
  }
  out.resize(size);
  return out;
}

}  // namespace intake::ocr
