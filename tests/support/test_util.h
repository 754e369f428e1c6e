// Helpers shared by every test binary.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/status.h"

#define ASSERT_OK(expr)                                          \
  do {                                                           \
    const auto& intake_s_ = (expr);                              \
    ASSERT_TRUE(intake_s_.ok()) << ::intake::testing::Describe(intake_s_); \
  } while (0)
#define EXPECT_OK(expr)                                          \
  do {                                                           \
    const auto& intake_s_ = (expr);                              \
    EXPECT_TRUE(intake_s_.ok()) << ::intake::testing::Describe(intake_s_); \
  } while (0)

namespace intake::testing {

inline std::string Describe(const Status& s) { return s.ToString(); }
template <typename T>
std::string Describe(const Result<T>& r) { return r.status().ToString(); }

// A fresh empty directory under the build tree, removed when the object dies
// (kept when INTAKE_KEEP_TEST_DIRS is set, for debugging).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::filesystem::path SourceDir();   // the repository root
std::filesystem::path BinaryDir();   // the build tree root
std::filesystem::path CorpusDir();   // ../shared/corpus

}  // namespace intake::testing
