// BagCheck: the payload on disk against the payload manifests (bag_check.h).
#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "core/file_util.h"
#include "signing/bag_check.h"
#include "signing/bag_path.h"

namespace intake::signing::internal {

namespace fs = std::filesystem;

namespace {
// A key under which names equal up to ASCII case and Unicode normalization collide: how a
// manifest written on a case-insensitive or differently-normalizing filesystem still finds
// its file. Non-ASCII characters are dropped, and so is an ASCII letter followed by a
// combining mark (U+0300..U+036F), the decomposed spelling of a non-ASCII letter.
std::string LooseKey(std::string_view path) {
  std::string key;
  bool last_was_ascii = false;
  for (size_t i = 0; i < path.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(path[i]);
    if (c < 0x80) {
      key.push_back(static_cast<char>(std::tolower(c)));
      last_was_ascii = true;
      continue;
    }
    const bool combining = (c == 0xCC) || (c == 0xCD && i + 1 < path.size() &&
                                            static_cast<unsigned char>(path[i + 1]) <= 0xAF);
    if (combining && last_was_ascii && !key.empty()) key.pop_back();
    last_was_ascii = false;
    while (i + 1 < path.size() && (static_cast<unsigned char>(path[i + 1]) & 0xC0) == 0x80) ++i;
  }
  return key;
}

bool IsJunkFile(std::string_view path) {
  std::string_view base = path.substr(path.rfind('/') + 1);
  return base == ".DS_Store" || base == "Thumbs.db" || base == "desktop.ini" ||
         base.substr(0, 2) == "._";
}

}  // namespace

void BagCheck::ListPayload() {
  std::error_code ec;
  if (!fs::is_directory(dir_ / "data", ec)) {
    Error(Kind::kStructure, "data/", "the payload directory is missing");
    return;
  }
  for (fs::recursive_directory_iterator it(dir_ / "data", ec), end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st)) continue;
    std::string rel = fs::relative(it->path(), dir_).generic_string();
    if (!fs::is_regular_file(st)) {
      Error(Kind::kStructure, rel, "is a link or special file, not a regular file");
      continue;
    }
    disk_[rel] = it->file_size(ec);
    if (IsJunkFile(rel)) Warn(rel, "operating-system junk file in the payload");
  }
  if (ec) Error(Kind::kStructure, "data/", "cannot be listed: " + ec.message());
  report_.payload_files = disk_.size();
  for (const auto& [path, size] : disk_) report_.payload_bytes += size;
}

void BagCheck::CheckPayload(const std::vector<Manifest>& manifests) {
  if (manifests.empty()) {
    Error(Kind::kStructure, "", "no payload manifest (manifest-<algorithm>.txt) with a supported "
                                "algorithm");
    return;
  }
  // Which algorithms each file on disk must be hashed with.
  std::map<std::string, std::vector<const Manifest*>> listed_in;
  std::map<std::string, std::string> loose;  // LooseKey -> disk path
  for (const auto& [path, size] : disk_) loose.emplace(LooseKey(path), path);
  std::map<std::string, std::vector<std::pair<const Manifest*, std::string>>> loose_matches;
  for (const Manifest& m : manifests) {
    for (const auto& [path, checksum] : m.entries) {
      if (disk_.count(path)) {
        listed_in[path].push_back(&m);
      } else if (fetched_.count(path)) {
        // A holey bag: listed in fetch.txt, not fetched yet.
      } else if (auto it = loose.find(LooseKey(path)); it != loose.end()) {
        loose_matches[it->second].push_back({&m, path});
      } else {
        Error(Kind::kStructure, path, "is listed in " + m.file + " but missing from the bag");
      }
    }
  }
  for (const auto& [path, size] : disk_) {
    const auto& in = listed_in[path];
    if (in.empty() && loose_matches.count(path) == 0) {
      Error(Kind::kStructure, path, "is in the payload but in no manifest");
    } else if (v1() && in.size() != manifests.size()) {
      for (const Manifest& m : manifests) {
        if (std::find(in.begin(), in.end(), &m) == in.end()) {
          Error(Kind::kStructure, path, "is missing from " + m.file);
        }
      }
    }
    std::vector<DigestAlgorithm> algs;
    std::vector<std::pair<const Manifest*, std::string>> checks;  // manifest, listed path
    for (const Manifest* m : in) checks.push_back({m, path});
    for (const auto& lm : loose_matches[path]) checks.push_back(lm);
    for (const auto& c : checks) algs.push_back(c.first->algorithm);
    if (checks.empty()) continue;
    Result<std::vector<std::string>> sums = HashFile(dir_ / path, algs);
    if (!sums.ok()) {
      Error(Kind::kStructure, path, "cannot be read: " + sums.status().message());
      continue;
    }
    for (size_t i = 0; i < checks.size(); ++i) {
      const auto& [m, listed] = checks[i];
      const std::string& expected = m->entries.at(listed);
      if ((*sums)[i] != expected) {
        Error(Kind::kChecksum, path, std::string(DigestName(m->algorithm)) + " differs from " + m->file,
              expected, (*sums)[i]);
      } else if (listed != path) {
        Warn(listed, "matches '" + path + "' only up to case or Unicode normalization (" +
                         m->file + ")");
      }
    }
  }
}

}  // namespace intake::signing::internal
