// The private SANE configuration directory of the workstation.
//
// SANE's dll backend reads dll.conf (the list of backends to load) and each backend's own
// <name>.conf from the directory named by SANE_CONFIG_DIR, read once at sane_init(). The
// embedded default (a virtual scanner fed with image files) and the tests use a private
// directory so that the machine's /etc/sane.d (and its slow network probes) never matter.
//
// Thread safety: WriteSaneConfigDir is reentrant for distinct directories. UseSaneConfigDir
// changes the process environment: call it before SaneSession::Open, not while another thread
// reads the environment.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake::capture {

struct SaneConfig {
  // Backends listed in dll.conf, in order. "pnm" and "test" ship with Debian's libsane1.
  std::vector<std::string> backends = {"pnm", "test"};
  // Extra files written beside dll.conf: name (e.g. "test.conf") -> content.
  std::map<std::string, std::string> backend_files;
  // Extra directories searched for backend libraries (libsane-<name>.so.1) before the system
  // backend directory; used for backends that are not installed (e.g. test-only backends).
  std::vector<std::filesystem::path> library_dirs;
};

// The configuration of the embedded default virtual scanner: pnm and test backends, and a
// test.conf that keeps the test backend at its documented defaults.
SaneConfig EmbeddedDefaultSaneConfig();

// Creates `dir` if needed and writes dll.conf plus the backend files atomically. Existing
// unrelated files in `dir` are left alone.
Status WriteSaneConfigDir(const std::filesystem::path& dir, const SaneConfig& config);

// Points SANE at `dir` (SANE_CONFIG_DIR, without the system fallback) and prepends
// config.library_dirs to LD_LIBRARY_PATH, which SANE's dll backend searches at sane_init().
// REQUIRES: no SaneSession is open (the settings are read at sane_init).
Status UseSaneConfigDir(const std::filesystem::path& dir, const SaneConfig& config);

// A per-user place for the private config when the caller has none:
// $XDG_RUNTIME_DIR/intake-sane, else /tmp/intake-sane-<uid>.
std::filesystem::path DefaultPrivateSaneConfigDir();

// WriteSaneConfigDir + UseSaneConfigDir.
Status PrepareSaneConfigDir(const std::filesystem::path& dir, const SaneConfig& config);

}  // namespace intake::capture
