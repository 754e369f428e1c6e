#include "core/child_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

extern char** environ;

namespace intake {

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(const std::vector<std::string>& argv) {
  if (argv.empty()) return InvalidArgument("no program to start");
  std::vector<std::string> copy = argv;
  std::vector<char*> c_argv;
  for (auto& a : copy) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  pid_t pid = -1;
  int err = ::posix_spawn(&pid, c_argv[0], nullptr, nullptr, c_argv.data(), environ);
  if (err != 0) return ErrnoStatus("start " + argv[0], err);
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid));
}

Result<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (reaped_) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return Unavailable("process " + std::to_string(pid_) + " still running");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void ChildProcess::Terminate() {
  if (reaped_) return;
  ::kill(pid_, SIGTERM);
  if (!Wait(std::chrono::milliseconds(3000)).ok()) {
    ::kill(pid_, SIGKILL);
    (void)Wait(std::chrono::milliseconds(3000));
  }
}

ChildProcess::~ChildProcess() { Terminate(); }

}  // namespace intake
