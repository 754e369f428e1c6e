#include "signing/bag_verifier.h"

#include <algorithm>

#include "core/file_util.h"
#include "signing/bag_check.h"
#include "signing/bag_path.h"

namespace intake::signing {

namespace internal {

namespace fs = std::filesystem;

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

}  // namespace internal

VerifyReport VerifyBag(const std::filesystem::path& bag_dir, const VerifyOptions& options) {
  internal::BagCheck check(bag_dir, options);
  return check.Run();
}

}  // namespace intake::signing
