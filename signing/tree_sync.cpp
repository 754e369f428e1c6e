#include "signing/tree_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/file_util.h"
#include "core/unique_fd.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

Status FsyncEach(const fs::path& root) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st)) {
      INTAKE_RETURN_IF_ERROR(SyncDirectory(it->path()));
    } else if (fs::is_regular_file(st)) {
      UniqueFd fd(::open(it->path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
      if (!fd) return ErrnoStatus("open " + it->path().string(), errno);
      if (::fsync(fd.get()) != 0) return ErrnoStatus("fsync " + it->path().string(), errno);
    }
  }
  if (ec) return IoError("cannot list " + root.string() + ": " + ec.message());
  return SyncDirectory(root);
}

}  // namespace

Status SyncTree(const fs::path& root) {
  UniqueFd fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open " + root.string(), errno);
  if (::syncfs(fd.get()) == 0) return Status::Ok();
  if (errno == EIO || errno == ENOSPC || errno == EDQUOT) {
    return ErrnoStatus("syncfs " + root.string(), errno);
  }
  return FsyncEach(root);
}

}  // namespace intake::signing
