#include "tests/support/test_util.h"

#include <cstdlib>
#include <random>

namespace intake::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  path_ = fs::path(INTAKE_BINARY_DIR) / "test-tmp" / (name + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  if (std::getenv("INTAKE_KEEP_TEST_DIRS")) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path SourceDir() { return INTAKE_SOURCE_DIR; }
fs::path BinaryDir() { return INTAKE_BINARY_DIR; }
fs::path CorpusDir() { return fs::weakly_canonical(fs::path(INTAKE_CORPUS_DIR)); }

}  // namespace intake::testing
