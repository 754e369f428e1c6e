#include "signing/bag_path.h"

#include <cctype>

namespace intake::signing {

Status CheckBagPath(std::string_view path) {
  auto escape = [&](std::string_view why) {
    return InvalidArgument("path '" + std::string(path) + "' escapes the bag: " + std::string(why));
  };
  if (path.empty()) return InvalidArgument("empty path");
  if (path.find('\0') != std::string_view::npos) return escape("contains a NUL byte");
  if (path.front() == '/') return escape("absolute path");
  if (path.front() == '~') return escape("home directory shortcut (~)");
  // "\.\." is how some tools spell ".." to dodge naive checks: name it as such.
  std::string first;
  for (char c : path.substr(0, path.find('/'))) {
    if (c != '\\') first.push_back(c);
  }
  if (first == "..") return escape("'..' component");
  if (path.front() == '\\') return escape("absolute or UNC path");
  if (path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':') {
    return escape("drive letter");
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty()) return escape("empty path component");
    // "\.\." is how some tools spell ".." to dodge naive checks; treat it as "..".
    std::string unescaped;
    for (char c : part) {
      if (c != '\\') unescaped.push_back(c);
    }
    if (unescaped == "..") return escape("'..' component");
    if (part == ".") return escape("'.' component");
    start = end + 1;
  }
  if (path.back() == '/') return escape("ends with '/'");
  return Status::Ok();
}

std::string EncodeManifestPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out.push_back(c);
  }
  return out;
}

std::string DecodeManifestPath(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      std::string code(path.substr(i + 1, 2));
      for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (code == "25") { out.push_back('%'); i += 2; continue; }
      if (code == "0D") { out.push_back('\r'); i += 2; continue; }
      if (code == "0A") { out.push_back('\n'); i += 2; continue; }
    }
    out.push_back(path[i]);
  }
  return out;
}

}  // namespace intake::signing
