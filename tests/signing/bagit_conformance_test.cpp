// The Library of Congress BagIt conformance suite (../shared/corpus/bagit-conformance):
// every valid/ bag validates, every invalid/ bag fails, every warning/ bag validates with at
// least one warning. linux-only/ and windows-only/ hold bags whose paths escape the bag on
// one platform; a receiver must refuse both kinds everywhere, so both are expected invalid.
#include <gtest/gtest.h>

#include <fstream>

#include "signing/bag_verifier.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  fs::path bag;
  std::string outcome;  // "valid", "invalid", "warning"
};

std::vector<Expectation> SuiteBags() {
  std::vector<Expectation> bags;
  const fs::path root = intake::testing::CorpusDir() / "bagit-conformance";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return bags;
  for (const char* version : {"v0.97", "v1.0"}) {
    for (const char* group : {"valid", "invalid", "warning", "linux-only", "windows-only"}) {
      const fs::path dir = root / version / group;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& bag : fs::directory_iterator(dir)) {
        std::string outcome = group;
        if (outcome == "linux-only" || outcome == "windows-only") outcome = "invalid";
        bags.push_back({bag.path(), outcome});
      }
    }
  }
  std::sort(bags.begin(), bags.end(), [](auto& a, auto& b) { return a.bag < b.bag; });
  return bags;
}

// The stored copy of the suite lost one file the LoC suite has: the empty
// v0.97/warning/special-system-files/data/.DS_Store (its manifest line holds the SHA-512 of
// zero bytes). Verify a temp copy with it restored instead of bending the verifier.
fs::path RestoreLostFiles(const fs::path& bag, const fs::path& scratch) {
  if (bag.filename() != "special-system-files" || fs::exists(bag / "data/.DS_Store")) return bag;
  const fs::path copy = scratch / bag.filename();
  fs::copy(bag, copy, fs::copy_options::recursive);
  std::ofstream(copy / "data/.DS_Store").flush();
  return copy;
}

std::string Describe(const VerifyReport& r) {
  std::string s;
  for (const auto& e : r.errors) s += "  error: " + e.ToString() + "\n";
  for (const auto& w : r.warnings) s += "  warning: " + w.ToString() + "\n";
  return s;
}

TEST(BagItConformanceTest, EveryBagOfTheSuiteGetsTheExpectedVerdict) {
  const std::vector<Expectation> bags = SuiteBags();
  if (bags.empty()) GTEST_SKIP() << "conformance suite not found under " << intake::testing::CorpusDir();
  ASSERT_GE(bags.size(), 40u);
  intake::testing::TempDir scratch;
  int valid = 0, invalid = 0, warning = 0;
  for (const Expectation& e : bags) {
    const VerifyReport r = VerifyBag(RestoreLostFiles(e.bag, scratch.path()));  // BagIt only: no intake signature required
    const std::string name = e.bag.parent_path().parent_path().filename().string() + "/" +
                             e.bag.parent_path().filename().string() + "/" +
                             e.bag.filename().string();
    if (e.outcome == "valid") {
      EXPECT_TRUE(r.ok()) << name << " should be valid:\n" << Describe(r);
      ++valid;
    } else if (e.outcome == "invalid") {
      EXPECT_FALSE(r.ok()) << name << " should be invalid:\n" << Describe(r);
      ++invalid;
    } else {
      EXPECT_TRUE(r.ok()) << name << " should be valid with a warning:\n" << Describe(r);
      EXPECT_FALSE(r.warnings.empty()) << name << " should warn:\n" << Describe(r);
      ++warning;
    }
  }
  RecordProperty("valid", valid);
  RecordProperty("invalid", invalid);
  RecordProperty("warning", warning);
}

// Each invalid bag must fail for its own reason, not an incidental one.
TEST(BagItConformanceTest, InvalidBagsFailForTheirReason) {
  const fs::path root = intake::testing::CorpusDir() / "bagit-conformance";
  if (!fs::is_directory(root)) GTEST_SKIP() << "conformance suite not found";
  const std::pair<const char*, const char*> reasons[] = {
      {"v0.97/invalid/baginfo-missing-encoding", "exactly two lines"},
      {"v0.97/invalid/bom-in-bagit.txt", "byte order mark"},
      {"v0.97/invalid/corrupt-data-file", "md5 differs from manifest-md5.txt"},
      {"v0.97/invalid/corrupt-tag-file", "md5 differs from tagmanifest-md5.txt"},
      {"v0.97/invalid/extra-file-in-bag", "in no manifest"},
      {"v0.97/invalid/invalid-version-number", "is not M.N"},
      {"v0.97/invalid/missing-baginfo", "missing from the bag"},
      {"v0.97/invalid/missing-bagit.txt", "not a bag"},
      {"v0.97/invalid/same-filename-listed-twice-with-different-hashes", "listed twice with different"},
      {"v1.0/invalid/bagit-with-invalid-whitespace", "must start with 'BagIt-Version: '"},
      {"v1.0/invalid/notAllManifestsListAllFiles", "in no manifest"},
      {"v1.0/invalid/same-filename-listed-twice-with-different-hashes", "listed twice with different"},
      {"v1.0/invalid/same-filename-listed-twice-with-the-same-hash", "is listed twice"},
      {"v0.97/windows-only/out-of-scope-file-paths-using-absolute-path", "drive letter"},
      {"v0.97/windows-only/out-of-scope-file-paths-using-unc", "UNC"},
      {"v0.97/windows-only/out-of-scope-file-paths-using-shortcut", "outside data/"},
  };
  for (const auto& [bag, reason] : reasons) {
    const VerifyReport r = VerifyBag(root / bag);
    bool found = false;
    for (const auto& e : r.errors) found |= e.ToString().find(reason) != std::string::npos;
    EXPECT_TRUE(found) << bag << " should fail with '" << reason << "':\n" << Describe(r);
  }
}

TEST(BagItConformanceTest, EscapingPathsAreNamedAsSuch) {
  const fs::path root = intake::testing::CorpusDir() / "bagit-conformance" / "v0.97";
  if (!fs::is_directory(root)) GTEST_SKIP() << "conformance suite not found";
  for (const char* bag : {"invalid/out-of-scope-file-paths-using-dot-notation",
                          "linux-only/out-of-scope-file-paths-using-absolute-path",
                          "linux-only/out-of-scope-file-paths-using-shortcut",
                          "linux-only/out-of-scope-file-paths-using-shortcut-for-fetch"}) {
    const VerifyReport r = VerifyBag(root / bag);
    bool named = false;
    for (const auto& e : r.errors) named |= e.problem.find("escapes the bag") != std::string::npos;
    EXPECT_TRUE(named) << bag << ":\n" << Describe(r);
  }
}

}  // namespace
}  // namespace intake::signing
