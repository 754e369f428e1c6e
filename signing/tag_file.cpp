#include "signing/tag_file.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>

#include "signing/bag_path.h"

namespace intake::signing {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// RAII for an iconv descriptor.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

}  // namespace

Result<std::string> DecodeTagFile(std::string_view bytes, std::string_view encoding) {
  const std::string enc = Upper(Trim(encoding));
  if (enc == "UTF-8" || enc == "UTF8") {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return std::string(bytes);
  }
  Iconv cd("UTF-8", enc.c_str());
  if (!cd.ok()) {
    return InvalidArgument("unknown Tag-File-Character-Encoding '" + std::string(encoding) + "'");
  }
  std::string out;
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buffer[4096];
  while (in_left > 0) {
    char* o = buffer;
    size_t o_left = sizeof buffer;
    size_t r = iconv(cd.get(), &in, &in_left, &o, &o_left);
    out.append(buffer, sizeof buffer - o_left);
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      return InvalidArgument("tag file is not valid " + std::string(encoding));
    }
  }
  if (out.substr(0, 3) == "\xEF\xBB\xBF") out.erase(0, 3);
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

Result<BagDeclaration> ParseBagDeclaration(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return InvalidArgument("starts with a byte order mark, which BagIt forbids");
  }
  std::vector<std::string_view> lines = SplitLines(bytes);
  while (!lines.empty() && Trim(lines.back()).empty()) lines.pop_back();
  if (lines.size() != 2) {
    return InvalidArgument("must have exactly two lines, found " +
                           std::to_string(lines.size()));
  }
  BagDeclaration d;
  const std::pair<std::string_view, std::string*> expected[] = {
      {"BagIt-Version: ", &d.version}, {"Tag-File-Character-Encoding: ", &d.encoding}};
  for (size_t i = 0; i < 2; ++i) {
    auto [prefix, out] = expected[i];
    if (lines[i].substr(0, prefix.size()) != prefix) {
      return InvalidArgument("line " + std::to_string(i + 1) + " must start with '" +
                             std::string(prefix) + "', found '" + std::string(lines[i]) + "'");
    }
    *out = std::string(Trim(lines[i].substr(prefix.size())));
  }
  size_t dot = d.version.find('.');
  auto all_digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  if (dot == std::string::npos || !all_digits(d.version.substr(0, dot)) ||
      !all_digits(d.version.substr(dot + 1)) || d.version.size() > 12) {
    return InvalidArgument("BagIt-Version '" + d.version + "' is not M.N");
  }
  d.major = std::stoi(d.version.substr(0, dot));
  d.minor = std::stoi(d.version.substr(dot + 1));
  if (d.encoding.empty()) return InvalidArgument("empty Tag-File-Character-Encoding");
  return d;
}

Result<std::vector<TagField>> ParseBagInfo(std::string_view text) {
  std::vector<TagField> fields;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    if (IsBlank(line.front())) {
      if (fields.empty()) {
        return InvalidArgument("bag-info.txt line 1 is a continuation without a label");
      }
      fields.back().second += " " + std::string(Trim(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || Trim(line.substr(0, colon)).empty()) {
      return InvalidArgument("bag-info.txt line " + std::to_string(line_no) +
                             " is not 'Label: value'");
    }
    fields.emplace_back(std::string(Trim(line.substr(0, colon))),
                        std::string(Trim(line.substr(colon + 1))));
  }
  return fields;
}

Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text, size_t hex_length,
                                                 bool percent_decode) {
  std::vector<ManifestEntry> entries;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    size_t sep = 0;
    while (sep < line.size() && !IsBlank(line[sep])) ++sep;
    std::string_view checksum = line.substr(0, sep);
    std::string_view rest = line.substr(sep);
    while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    auto bad = [&](std::string_view why) {
      return InvalidArgument("line " + std::to_string(line_no) + ": " + std::string(why));
    };
    if (rest.empty()) return bad("no file path after the checksum");
    if (checksum.size() != hex_length) {
      return bad("checksum has " + std::to_string(checksum.size()) + " characters, expected " +
                 std::to_string(hex_length));
    }
    ManifestEntry e;
    e.line = line_no;
    for (char c : checksum) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return bad("checksum is not hex");
      e.checksum.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (rest.front() == '*') {  // md5sum/sha*sum "binary mode" marker
      e.had_binary_star = true;
      rest.remove_prefix(1);
    }
    e.path = percent_decode ? DecodeManifestPath(rest) : std::string(rest);
    while (e.path.rfind("./", 0) == 0) {
      e.had_dot_slash = true;
      e.path.erase(0, 2);
    }
    if (e.path.empty()) return bad("empty file path");
    entries.push_back(std::move(e));
  }
  return entries;
}

Result<std::vector<FetchEntry>> ParseFetch(std::string_view text, bool percent_decode) {
  std::vector<FetchEntry> entries;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    FetchEntry e;
    std::string_view rest = line;
    for (std::string* field : {&e.url, &e.length}) {
      size_t sep = rest.find_first_of(" \t");
      if (sep == std::string_view::npos) {
        return InvalidArgument("fetch.txt line " + std::to_string(line_no) +
                               " is not 'URL LENGTH PATH'");
      }
      *field = std::string(rest.substr(0, sep));
      rest = rest.substr(sep);
      while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    }
    if (rest.empty()) {
      return InvalidArgument("fetch.txt line " + std::to_string(line_no) + " has no path");
    }
    e.path = percent_decode ? DecodeManifestPath(rest) : std::string(rest);
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace intake::signing
