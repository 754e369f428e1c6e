// Parsers for BagIt tag files: bagit.txt, bag-info.txt ("Label: value" with folded
// continuation lines), manifests and fetch.txt. They take untrusted bytes and never throw;
// each has a libFuzzer target in fuzz/.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace intake::signing {

// Converts a tag file from the bag's Tag-File-Character-Encoding to UTF-8 (iconv; a BOM is
// honoured for UTF-16/UTF-32 and stripped for UTF-8). kInvalidArgument when it cannot.
Result<std::string> DecodeTagFile(std::string_view bytes, std::string_view encoding);

// Splits into lines on LF, CRLF or CR; a missing final newline is accepted.
std::vector<std::string_view> SplitLines(std::string_view text);

struct BagDeclaration {
  std::string version;   // "1.0", "0.97"
  std::string encoding;  // "UTF-8"
  int major = 0, minor = 0;
};
// bagit.txt: exactly "BagIt-Version: M.N" and "Tag-File-Character-Encoding: ENC" lines, UTF-8
// without a BOM, no whitespace before the colon. kInvalidArgument naming what is wrong (the
// message does not repeat the file name).
Result<BagDeclaration> ParseBagDeclaration(std::string_view bytes);

using TagField = std::pair<std::string, std::string>;  // label, value (in file order)
// bag-info.txt (decoded): labels trimmed, continuation lines (leading space/tab) folded
// into the previous value with one space; repeated labels kept.
Result<std::vector<TagField>> ParseBagInfo(std::string_view text);

struct ManifestEntry {
  std::string checksum;  // lowercase hex
  std::string path;      // decoded, leading "./" and md5sum's '*' removed
  size_t line = 0;       // 1-based line in the manifest
  bool had_dot_slash = false;
  bool had_binary_star = false;
};
// "checksum<whitespace>path" per line; blank lines ignored. `percent_decode` applies the
// BagIt 1.0 %25/%0D/%0A decoding. kInvalidArgument names the line.
Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text, size_t hex_length,
                                                 bool percent_decode);

struct FetchEntry {
  std::string url;
  std::string length;  // "-" or digits
  std::string path;
};
Result<std::vector<FetchEntry>> ParseFetch(std::string_view text, bool percent_decode);

}  // namespace intake::signing
