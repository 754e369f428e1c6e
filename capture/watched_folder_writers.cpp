#include "capture/watched_folder_writers.h"

#include <fcntl.h>
#include <signal.h>

#include <cerrno>
#include <mutex>

#include "core/unique_fd.h"

namespace intake::capture {

void PrepareWriterChecks() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (::sigaction(SIGIO, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      ::sigaction(SIGIO, &ignore, nullptr);
    }
  });
}

FileWriters CheckFileWriters(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (!fd) return FileWriters::kUnknown;
  if (::fcntl(fd.get(), F_SETLEASE, F_RDLCK) != 0) {
    return errno == EAGAIN ? FileWriters::kOpen : FileWriters::kUnknown;
  }
  ::fcntl(fd.get(), F_SETLEASE, F_UNLCK);
  return FileWriters::kNone;
}

}  // namespace intake::capture
