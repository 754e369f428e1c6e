#include "core/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <random>

#include "core/unique_fd.h"

namespace intake {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open " + path.string(), errno);
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("read " + path.string(), errno);
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  return content;
}

static Status WriteAll(int fd, std::string_view data, const fs::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write " + path.string(), errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SyncDirectory(const fs::path& dir) {
  UniqueFd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open directory " + dir.string(), errno);
  if (::fsync(fd.get()) != 0) return ErrnoStatus("fsync directory " + dir.string(), errno);
  return Status::Ok();
}

Status WriteFileAtomic(const fs::path& path, std::string_view content, unsigned mode) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  fs::path temp = path;
  temp += ".tmp" + std::to_string(rng() % 1000000000);
  {
    UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd) return ErrnoStatus("create " + temp.string(), errno);
    Status written = WriteAll(fd.get(), content, temp);
    if (written.ok() && ::fsync(fd.get()) != 0) written = ErrnoStatus("fsync " + temp.string(), errno);
    if (!written.ok()) {
      ::unlink(temp.c_str());
      return written;
    }
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return ErrnoStatus("rename to " + path.string(), err);
  }
  return SyncDirectory(path.parent_path());
}

Status MakeDirectories(const fs::path& dir, unsigned mode) {
  std::error_code ec;
  fs::path current;
  for (const auto& part : dir) {
    current /= part;
    if (fs::is_directory(current, ec)) continue;
    if (::mkdir(current.c_str(), mode) != 0 && errno != EEXIST)
      return ErrnoStatus("mkdir " + current.string(), errno);
  }
  return Status::Ok();
}

}  // namespace intake
