// BagCheck: the internals of VerifyBag (bag_verifier.h), split by concern over
// bag_verifier.cpp (tag files, manifests, Run), bag_check_payload.cpp (payload against the
// manifests) and bag_check_signature.cpp (signature, trust, case id). Not a public header.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "signing/bag_verifier.h"
#include "signing/digest.h"
#include "signing/tag_file.h"

namespace intake::signing::internal {

// One parsed manifest file.
struct Manifest {
  std::string file;  // "manifest-sha512.txt"
  DigestAlgorithm algorithm;
  std::map<std::string, std::string> entries;  // path -> checksum
};

// Collects every finding of one verification; single use (Run once).
class BagCheck {
 public:
  using Kind = Finding::Kind;
  BagCheck(const std::filesystem::path& dir, const VerifyOptions& options) : dir_(dir), options_(options) {}
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

  std::filesystem::path dir_;
  const VerifyOptions& options_;
  VerifyReport report_;
  BagDeclaration decl_;
  std::map<std::string, uint64_t> disk_;  // "data/..." -> size
  std::set<std::string> fetched_;
  std::vector<TagField> info_;
};

}  // namespace intake::signing::internal
