#include "core/file_util.h"

#include <sys/stat.h>

#include "tests/support/test_util.h"

namespace intake {
namespace {

namespace fs = std::filesystem;

TEST(FileUtilTest, AtomicWriteReplacesContentAndLeavesNoTemp) {
  testing::TempDir dir;
  fs::path target = dir.path() / "case.json";
  ASSERT_OK(WriteFileAtomic(target, "first"));
  ASSERT_OK(WriteFileAtomic(target, "second"));
  auto content = ReadFile(target);
  ASSERT_OK(content);
  EXPECT_EQ(*content, "second");
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(FileUtilTest, AtomicWriteAppliesMode) {
  testing::TempDir dir;
  fs::path target = dir.path() / "secret.key";
  ASSERT_OK(WriteFileAtomic(target, "k", 0600));
  struct stat st {};
  ASSERT_EQ(::stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(FileUtilTest, WriteIntoMissingDirectoryFailsWithNotFound) {
  testing::TempDir dir;
  Status s = WriteFileAtomic(dir.path() / "no" / "such" / "file", "x");
  EXPECT_EQ(s.code(), Code::kNotFound);
}

TEST(FileUtilTest, ReadMissingFileNamesThePath) {
  auto r = ReadFile("/nonexistent/intake/file");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/intake/file"), std::string::npos);
}

TEST(FileUtilTest, MakeDirectoriesCreatesNestedPath) {
  testing::TempDir dir;
  fs::path nested = dir.path() / "a" / "b" / "c";
  ASSERT_OK(MakeDirectories(nested, 0700));
  EXPECT_TRUE(fs::is_directory(nested));
}

}  // namespace
}  // namespace intake
