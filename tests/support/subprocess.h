// Subprocess: a child program started by a test, killed (SIGTERM, then SIGKILL) when the
// object dies. Used by tests that exercise real processes (receiver, daemons, CLI).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace intake::testing {

struct ProcessOutput {
  int exit_code = -1;  // -1: killed by a signal or timed out
  std::string out, err;
};

class Subprocess {
 public:
  // Starts argv[0] (a path) with argv; stdout/stderr go to files under log_dir.
  // extra_env entries are "NAME=VALUE" added to the current environment.
  Subprocess(std::vector<std::string> argv, const std::filesystem::path& log_dir,
             std::vector<std::string> extra_env = {});
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Waits up to timeout for exit; returns the exit code or -1.
  int Wait(std::chrono::milliseconds timeout);
  void Kill(int signal);
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
  bool reaped_ = false;
  std::filesystem::path out_path_, err_path_;
};

// Runs a program to completion (timeout → killed) and returns its output.
ProcessOutput RunProgram(std::vector<std::string> argv, std::chrono::milliseconds timeout,
                         std::vector<std::string> extra_env = {});

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreeLoopbackPort();

// Polls until connect() to 127.0.0.1:port succeeds or the timeout passes.
bool WaitForPort(int port, std::chrono::milliseconds timeout);

}  // namespace intake::testing
