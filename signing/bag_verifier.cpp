#include "signing/bag_verifier.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/file_util.h"
#include "signing/bag_path.h"
#include "signing/bag_signature.h"
#include "signing/case_record.h"
#include "signing/digest.h"
#include "signing/tag_file.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

using Kind = Finding::Kind;

struct Manifest {
  std::string file;  // "manifest-sha512.txt"
  DigestAlgorithm algorithm;
  std::map<std::string, std::string> entries;  // path -> checksum
};

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

class BagCheck {
 public:
  BagCheck(const fs::path& dir, const VerifyOptions& options) : dir_(dir), options_(options) {}
  VerifyReport Run();

 private:
  void Error(Kind k, std::string file, std::string problem, std::string expected = {},
             std::string found = {}) {
    report_.errors.push_back({k, std::move(file), std::move(problem), std::move(expected),
                              std::move(found)});
  }
  void Warn(std::string file, std::string problem) {
    report_.warnings.push_back({Kind::kStructure, std::move(file), std::move(problem), {}, {}});
  }
  bool v1() const { return decl_.major >= 1; }
  std::optional<std::string> ReadTag(const std::string& name);  // decoded; error when unreadable
  void ListPayload();
  void ReadBagInfo();
  void ReadFetch();
  std::vector<Manifest> ReadManifests(std::string_view prefix, bool payload);
  void CheckPayload(const std::vector<Manifest>& manifests);
  void CheckTagManifests(const std::vector<Manifest>& tag_manifests);
  void CheckSignature(const std::vector<Manifest>& tag_manifests);
  void CheckCase();

  fs::path dir_;
  const VerifyOptions& options_;
  VerifyReport report_;
  BagDeclaration decl_;
  std::map<std::string, uint64_t> disk_;  // "data/..." -> size
  std::set<std::string> fetched_;
  std::vector<TagField> info_;
};

std::optional<std::string> BagCheck::ReadTag(const std::string& name) {
  Result<std::string> raw = ReadFile(dir_ / name);
  if (!raw.ok()) {
    Error(Kind::kStructure, name, "cannot be read: " + raw.status().message());
    return std::nullopt;
  }
  Result<std::string> text = DecodeTagFile(*raw, decl_.encoding);
  if (!text.ok()) {
    Error(Kind::kStructure, name, text.status().message());
    return std::nullopt;
  }
  return std::move(text).value();
}

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

void BagCheck::ReadBagInfo() {
  std::error_code ec;
  if (!fs::exists(dir_ / "bag-info.txt", ec)) return;
  std::optional<std::string> text = ReadTag("bag-info.txt");
  if (!text) return;
  Result<std::vector<TagField>> fields = ParseBagInfo(*text);
  if (!fields.ok()) {
    Error(Kind::kStructure, "bag-info.txt", fields.status().message());
    return;
  }
  info_ = std::move(fields).value();
  for (const auto& [label, value] : info_) {
    if (label == "External-Identifier" && report_.case_id.empty()) report_.case_id = value;
    if (label != "Payload-Oxum") continue;
    size_t dot = value.find('.');
    const std::string found = std::to_string(report_.payload_bytes) + "." +
                              std::to_string(report_.payload_files);
    if (dot == std::string::npos || value.find_first_not_of("0123456789.") != std::string::npos) {
      Error(Kind::kStructure, "bag-info.txt", "Payload-Oxum is malformed", "OCTETS.COUNT", value);
    } else if (value != found) {
      Error(Kind::kStructure, "bag-info.txt", "Payload-Oxum does not match the payload on disk",
            value, found);
    }
  }
}

void BagCheck::ReadFetch() {
  std::error_code ec;
  if (!fs::exists(dir_ / "fetch.txt", ec)) return;
  std::optional<std::string> text = ReadTag("fetch.txt");
  if (!text) return;
  Result<std::vector<FetchEntry>> entries = ParseFetch(*text, v1());
  if (!entries.ok()) {
    Error(Kind::kStructure, "fetch.txt", entries.status().message());
    return;
  }
  for (const FetchEntry& e : *entries) {
    Status safe = CheckBagPath(e.path);
    if (!safe.ok()) {
      Error(Kind::kStructure, "fetch.txt", safe.message());
    } else if (e.path.rfind("data/", 0) != 0) {
      Error(Kind::kStructure, "fetch.txt", "fetch target is outside data/", "data/...", e.path);
    } else {
      fetched_.insert(e.path);
    }
  }
}

std::vector<Manifest> BagCheck::ReadManifests(std::string_view prefix, bool payload) {
  std::vector<Manifest> out;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size() + 4 &&
        name.substr(name.size() - 4) == ".txt") {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string alg_name = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    Result<DigestAlgorithm> alg = DigestFromName(alg_name);
    if (!alg.ok()) {
      Warn(name, "checksum algorithm '" + alg_name + "' is not supported; manifest not checked");
      continue;
    }
    std::optional<std::string> text = ReadTag(name);
    if (!text) continue;
    Result<std::vector<ManifestEntry>> entries = ParseManifest(*text, DigestHexLength(*alg), v1());
    if (!entries.ok()) {
      Error(Kind::kStructure, name, entries.status().message());
      continue;
    }
    Manifest m{name, *alg, {}};
    for (const ManifestEntry& e : *entries) {
      const std::string where = name + " line " + std::to_string(e.line);
      Status safe = CheckBagPath(e.path);
      if (!safe.ok()) {
        Error(Kind::kStructure, where, safe.message());
        continue;
      }
      if (payload && e.path.rfind("data/", 0) != 0) {
        Error(Kind::kStructure, where, "payload manifest lists a file outside data/", "data/...",
              e.path);
        continue;
      }
      if (e.had_binary_star) Warn(where, "'*' binary-mode marker from md5sum-style tools");
      if (e.had_dot_slash) Warn(where, "path starts with './'");
      auto [it, inserted] = m.entries.emplace(e.path, e.checksum);
      if (inserted) continue;
      if (it->second != e.checksum) {
        Error(Kind::kStructure, where, "'" + e.path + "' is listed twice with different checksums",
              it->second, e.checksum);
      } else if (v1()) {
        Error(Kind::kStructure, where, "'" + e.path + "' is listed twice");
      } else {
        Warn(where, "'" + e.path + "' is listed twice with the same checksum");
      }
    }
    out.push_back(std::move(m));
  }
  return out;
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

void BagCheck::CheckTagManifests(const std::vector<Manifest>& tag_manifests) {
  for (const Manifest& m : tag_manifests) {
    for (const auto& [path, checksum] : m.entries) {
      std::error_code ec;
      if (!fs::is_regular_file(dir_ / path, ec)) {
        Error(Kind::kStructure, path, "is listed in " + m.file + " but missing from the bag");
        continue;
      }
      const DigestAlgorithm alg = m.algorithm;
      Result<std::vector<std::string>> sum = HashFile(dir_ / path, std::span(&alg, 1));
      if (!sum.ok()) {
        Error(Kind::kStructure, path, "cannot be read: " + sum.status().message());
      } else if ((*sum)[0] != checksum) {
        Error(Kind::kChecksum, path, std::string(DigestName(alg)) + " differs from " + m.file,
              checksum, (*sum)[0]);
      }
    }
  }
}

void BagCheck::CheckSignature(const std::vector<Manifest>& tag_manifests) {
  std::error_code ec;
  if (!fs::exists(dir_ / kBagSignatureFile, ec)) {
    if (options_.require_signature) {
      Error(Kind::kSignature, std::string(kBagSignatureFile), "the bag is not signed");
    }
    return;
  }
  Result<std::string> sig_text = ReadFile(dir_ / kBagSignatureFile);
  Result<DetachedSignature> sig =
      sig_text.ok() ? ParseBagSignature(*sig_text) : Result<DetachedSignature>(sig_text.status());
  if (!sig.ok()) {
    Error(Kind::kSignature, std::string(kBagSignatureFile), sig.status().message());
    return;
  }
  report_.signer_key_id = sig->key_id;
  // The signature protects only what the signed tag manifest lists: it must cover every
  // other tag file (and so, through manifest-*.txt, the payload).
  const Manifest* signed_manifest = nullptr;
  for (const Manifest& m : tag_manifests) {
    if (m.file == kSignedTagManifest) signed_manifest = &m;
  }
  if (signed_manifest == nullptr) {
    Error(Kind::kSignature, std::string(kSignedTagManifest), "the signed tag manifest is missing");
    return;
  }
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() || name == kBagSignatureFile || name.rfind("tagmanifest-", 0) == 0) {
      continue;
    }
    if (signed_manifest->entries.count(name) == 0) {
      Error(Kind::kSignature, name, "tag file is not covered by the signature (not listed in " +
                                        std::string(kSignedTagManifest) + ")");
    }
  }
  for (const auto& [label, value] : info_) {
    if (label == "Workstation-Key-Id" && value != sig->key_id) {
      Error(Kind::kSignature, "bag-info.txt", "Workstation-Key-Id differs from the signing key",
            value, sig->key_id);
    }
  }
  if (options_.verifier == nullptr) {
    Warn(std::string(kBagSignatureFile),
         "signature by key " + sig->key_id + " not checked: no trust store given");
    return;
  }
  Result<std::string> signed_bytes = ReadFile(dir_ / kSignedTagManifest);
  if (!signed_bytes.ok()) {
    Error(Kind::kSignature, std::string(kSignedTagManifest), signed_bytes.status().message());
    return;
  }
  Status verified = options_.verifier->Verify(*sig, AsBytes(*signed_bytes));
  if (verified.ok()) {
    report_.signature_verified = true;
  } else {
    Error(verified.code() == Code::kPermissionDenied ? Kind::kTrust : Kind::kSignature,
          std::string(kBagSignatureFile), verified.message());
  }
}

void BagCheck::CheckCase() {
  std::error_code ec;
  std::string case_json_id;
  if (fs::exists(dir_ / "case.json", ec)) {
    Result<std::string> json = ReadFile(dir_ / "case.json");
    Result<CaseSummary> summary =
        json.ok() ? ParseCaseJson(*json) : Result<CaseSummary>(json.status());
    if (!summary.ok()) {
      Error(Kind::kStructure, "case.json", summary.status().message());
    } else {
      case_json_id = summary->case_id;
      if (!report_.case_id.empty() && report_.case_id != case_json_id) {
        Error(Kind::kStructure, "bag-info.txt", "External-Identifier differs from case.json",
              case_json_id, report_.case_id);
      }
      if (report_.case_id.empty()) report_.case_id = case_json_id;
    }
  } else if (options_.require_signature) {
    Error(Kind::kStructure, "case.json", "an e-case bag must carry case.json");
  }
  if (!options_.expected_case_id.empty() && report_.case_id != options_.expected_case_id) {
    Error(Kind::kStructure, "bag-info.txt", "the bag is for another case",
          options_.expected_case_id, report_.case_id);
  }
}

VerifyReport BagCheck::Run() {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) {
    Error(Kind::kStructure, "", "not a directory: " + dir_.string());
    return std::move(report_);
  }
  Result<std::string> bagit = ReadFile(dir_ / "bagit.txt");
  if (!bagit.ok()) {
    Error(Kind::kStructure, "bagit.txt", "missing or unreadable: not a bag");
    return std::move(report_);
  }
  Result<BagDeclaration> decl = ParseBagDeclaration(*bagit);
  if (!decl.ok()) {
    Error(Kind::kStructure, "bagit.txt", decl.status().message());
    return std::move(report_);
  }
  decl_ = *decl;
  report_.bagit_version = decl_.version;
  const bool supported = (decl_.major == 1 && decl_.minor == 0) ||
                         (decl_.major == 0 && decl_.minor >= 93 && decl_.minor <= 97);
  if (!supported) {
    Error(Kind::kStructure, "bagit.txt", "unsupported BagIt-Version", "0.93-0.97 or 1.0",
          decl_.version);
    return std::move(report_);
  }
  ListPayload();
  ReadBagInfo();
  ReadFetch();
  std::vector<Manifest> payload = ReadManifests("manifest-", true);
  std::vector<Manifest> tags = ReadManifests("tagmanifest-", false);
  CheckPayload(payload);
  CheckTagManifests(tags);
  CheckCase();
  CheckSignature(tags);
  return std::move(report_);
}

}  // namespace

VerifyReport VerifyBag(const fs::path& bag_dir, const VerifyOptions& options) {
  BagCheck check(bag_dir, options);
  return check.Run();
}

}  // namespace intake::signing
