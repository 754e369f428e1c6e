// Test helpers for the SANE side of capture: a private SANE config dir per test process
// (ctest runs each test in its own process) listing pnm, test and the test-only intaketest
// backend, and page images rendered with the page renderer; SaneTest, the fixture every SANE
// test derives from (private config, one session, optionally one open device, a temp dir).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "capture/page_store.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "core/status.h"
#include "tests/support/test_util.h"

namespace intake::capture::testing {

// Writes <build>/test-tmp/sane-<pid>/ and points SANE at it (once per process). Fails the
// calling test (via the Status) when the directory cannot be written.
Status UsePrivateSaneConfig();

// The directory of the intaketest backend's script files for this process.
std::filesystem::path IntakeTestScriptDir();

// Renders a gray page with `lines` of text at `dpi` into `path` (PNM P5).
Status RenderGrayPage(const std::filesystem::path& path, const std::vector<std::string>& lines,
                      int dpi = 100, unsigned seed = 1);

// Writes a uniform gray page (value `level`) of the given size.
Status WriteUniformPage(const std::filesystem::path& path, int width, int height, int level);

// SetUp(): the private SANE config and a session (the one sane_init of this process).
// A derived SetUp() calls SaneTest::SetUp() first, then OpenDevice()/OpenStore() wrapped in
// ASSERT_NO_FATAL_FAILURE.
class SaneTest : public ::testing::Test {
 protected:
  using OptionList = std::vector<std::pair<std::string, std::string>>;

  void SetUp() override;
  // Opens `name` into device_ and applies `options` in order; fails the test on any error.
  void OpenDevice(const std::string& name, const OptionList& options = {});
  // Opens <dir_>/case as store_.
  void OpenStore();

  std::unique_ptr<SaneSession> session_;
  std::unique_ptr<SaneDevice> device_;
  std::unique_ptr<PageStore> store_;
  intake::testing::TempDir dir_;
};

}  // namespace intake::capture::testing
