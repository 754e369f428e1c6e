// ChildProcess: a program started by another intake program (the demo starts the receiver
// and the daemons), sharing the parent's stdout/stderr. Terminated (SIGTERM, then SIGKILL)
// when the object dies unless it has exited.
//
// Thread safety: one owner thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

class ChildProcess {
 public:
  // argv[0] is a path. Fails with the errno of posix_spawn (e.g. kNotFound for a missing file).
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The exit code, -1 if killed by a signal; kUnavailable when still running at the timeout.
  Result<int> Wait(std::chrono::milliseconds timeout);
  void Terminate();

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  bool reaped_ = false;
  int exit_code_ = -1;
};

}  // namespace intake
