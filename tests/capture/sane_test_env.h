// Test helpers for the SANE side of capture: a private SANE config dir per test process
// (ctest runs each test in its own process) listing pnm, test and the test-only intaketest
// backend, and page images rendered with the page renderer.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

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

}  // namespace intake::capture::testing
