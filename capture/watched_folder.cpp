#include "capture/watched_folder.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <system_error>
#include <vector>

#include "capture/watched_folder_writers.h"
#include "core/log.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// ImportReady() looks at the folder itself this often: files that raise no inotify event
// (present at the start, written on a network mount) are found within this time.
constexpr milliseconds kRescanEvery{1000};

constexpr std::uint32_t kWatchMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE |
                                     IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_ONLYDIR;

std::int64_t MtimeNs(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

Result<std::unique_ptr<WatchedFolder>> WatchedFolder::Open(const WatchedFolderOptions& options,
                                                           ImportedPageSink& sink,
                                                           FolderImportObserver observer) {
  INTAKE_ASSIGN_OR_RETURN(auto importer, FolderImporter::Open(options.importer, sink));
  UniqueFd inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!inotify) return ErrnoStatus("inotify_init1", errno);
  if (::inotify_add_watch(inotify.get(), options.importer.watch_dir.c_str(), kWatchMask) < 0) {
    return ErrnoStatus("cannot watch " + options.importer.watch_dir.string() +
                           " (raise fs.inotify.max_user_watches if the limit is reached)",
                       errno);
  }
  PrepareWriterChecks();
  UniqueFd stop_event(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!stop_event) return ErrnoStatus("eventfd", errno);
  return std::unique_ptr<WatchedFolder>(new WatchedFolder(
      options, std::move(importer), std::move(observer), std::move(inotify),
      std::move(stop_event)));
}

WatchedFolder::~WatchedFolder() = default;

void WatchedFolder::Stop() {
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(stop_event_.get(), &one, sizeof one);
}

Status WatchedFolder::ScanDirectory() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options_.importer.watch_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!FolderImporter::IsCandidateName(name) || !entry.is_regular_file(ec)) continue;
    if (!pending_.count(name)) pending_[name].last_change = Clock::now();
  }
  if (ec) return IoError("cannot list " + options_.importer.watch_dir.string() + ": " + ec.message());
  return Status::Ok();
}

Status WatchedFolder::ImportOnce() {
  Status first_error;
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(options_.importer.watch_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (FolderImporter::IsCandidateName(name) && entry.is_regular_file(ec)) names.push_back(name);
  }
  if (ec) return IoError("cannot list " + options_.importer.watch_dir.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());  // scanners number their files: keep their order
  for (const std::string& name : names) {
    struct stat st{};
    if (::stat((options_.importer.watch_dir / name).c_str(), &st) != 0) continue;
    const auto age = std::chrono::system_clock::now() -
                     std::chrono::system_clock::time_point(
                         std::chrono::duration_cast<std::chrono::system_clock::duration>(
                             std::chrono::nanoseconds(MtimeNs(st))));
    const bool open_for_writing =
        CheckFileWriters(options_.importer.watch_dir / name) == FileWriters::kOpen;
    if (age < options_.settle || open_for_writing) {
      FolderImportOutcome outcome;
      outcome.kind = FolderImportOutcome::Kind::kNotReady;
      outcome.file_name = name;
      outcome.problem = Unavailable(
          name + (open_for_writing ? ": still open for writing"
                                   : ": changed moments ago and may still be being written") +
          "; it is left in place for the next import");
      outcome.message_uk = "Файл «" + name + "» ще записується; його буде імпортовано пізніше.";
      if (observer_) observer_(outcome);
      continue;
    }
    auto outcome = importer_->ImportFile(name, /*final_attempt=*/age >= options_.give_up);
    if (!outcome.ok()) {
      LogError("capture", "watched folder: import failed: " + outcome.status().ToString());
      if (first_error.ok()) first_error = outcome.status();
      continue;
    }
    if (observer_) observer_(*outcome);
  }
  return first_error;
}

Status WatchedFolder::ReadEvents() {
  alignas(inotify_event) char buffer[16384];
  while (true) {
    ssize_t n = ::read(inotify_.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return Status::Ok();
    if (n <= 0) return ErrnoStatus("reading inotify events", n < 0 ? errno : EIO);
    for (char* p = buffer; p < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        // Events were lost: look at the folder itself.
        LogWarning("capture", "watched folder: inotify queue overflowed; rescanning");
        INTAKE_RETURN_IF_ERROR(ScanDirectory());
        continue;
      }
      if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
        folder_gone_ = true;
        continue;
      }
      if (event->len == 0 || (event->mask & IN_ISDIR)) continue;
      const std::string name(event->name);
      if (!FolderImporter::IsCandidateName(name)) continue;
      if (event->mask & (IN_DELETE | IN_MOVED_FROM)) {
        pending_.erase(name);
        continue;
      }
      Pending& pending = pending_[name];
      pending.last_change = Clock::now();
      if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        pending.closed = true;
        pending.tried_unchanged = false;
      } else if (event->mask & (IN_MODIFY | IN_CREATE)) {
        pending.closed = false;
        pending.tried_unchanged = false;
      }
    }
  }
}

void WatchedFolder::Evaluate() {
  const auto now = Clock::now();
  for (auto it = pending_.begin(); it != pending_.end();) {
    const std::string& name = it->first;
    Pending& pending = it->second;
    struct stat st{};
    if (::stat((options_.importer.watch_dir / name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      it = pending_.erase(it);  // gone, or not a file
      continue;
    }
    if (st.st_size != pending.size || MtimeNs(st) != pending.mtime_ns) {
      // Changed since we last looked (inotify may not have told us yet: SMB, NFS).
      if (pending.size >= 0) {
        pending.last_change = now;
        pending.tried_unchanged = false;
      }
      pending.size = st.st_size;
      pending.mtime_ns = MtimeNs(st);
    }
    const auto quiet = now - pending.last_change;
    const bool complete = pending.closed || quiet >= options_.settle;
    const bool final_attempt = quiet >= options_.give_up;
    if (!complete || now < pending.not_before || (pending.tried_unchanged && !final_attempt)) {
      ++it;
      continue;
    }
    if (CheckFileWriters(options_.importer.watch_dir / name) == FileWriters::kOpen) {
      // Still open for writing somewhere (a scanner between sheets): never complete, never
      // given up on. Its close raises IN_CLOSE_WRITE.
      pending.closed = false;
      pending.last_change = now;
      ++it;
      continue;
    }
    auto outcome = importer_->ImportFile(name, final_attempt);
    if (!outcome.ok()) {
      if (outcome.status().code() == Code::kNotFound) {
        it = pending_.erase(it);
        continue;
      }
      if (outcome.status().message() != pending.error.message()) {
        LogError("capture", "watched folder: import failed, will retry: " +
                                outcome.status().ToString());
      }
      pending.error = outcome.status();
      pending.not_before = now + options_.retry_after_error;
      ++it;
      continue;
    }
    pending.error = Status::Ok();
    if (outcome->kind == FolderImportOutcome::Kind::kNotReady) {
      pending.tried_unchanged = true;  // wait for a change, or for give_up
      ++it;
      continue;
    }
    if (observer_) observer_(*outcome);
    it = pending_.erase(it);
  }
}

int WatchedFolder::PollTimeoutMs() const {
  const auto now = Clock::now();
  auto next = next_scan_;  // the next look at the folder itself
  for (const auto& [name, pending] : pending_) {
    Clock::time_point due;
    if (pending.tried_unchanged) {
      due = pending.last_change + options_.give_up;
    } else if (pending.closed) {
      due = now;
    } else {
      due = pending.last_change + options_.settle;
    }
    next = std::min(next, std::max(due, pending.not_before));
  }
  // Also look again at least every second: size changes over SMB/NFS may raise no event.
  const auto wait = std::chrono::duration_cast<milliseconds>(next - now).count();
  return static_cast<int>(std::clamp<long long>(wait, 10, 1000));
}

Status WatchedFolder::FolderGone() const {
  return Unavailable("the watched folder " + options_.importer.watch_dir.string() +
                     " was removed or moved away; recreate it and restart the import");
}

Status WatchedFolder::Step() {
  if (!folder_gone_) INTAKE_RETURN_IF_ERROR(ReadEvents());
  if (folder_gone_) return FolderGone();
  const auto now = Clock::now();
  if (now >= next_scan_) {
    Status scanned = ScanDirectory();
    if (!scanned.ok()) {
      // Moved away between the events and the listing? Then say so, not "cannot list".
      if (ReadEvents().ok() && folder_gone_) return FolderGone();
      return scanned;
    }
    next_scan_ = now + kRescanEvery;
  }
  Evaluate();
  return Status::Ok();
}

Status WatchedFolder::ImportReady() {
  INTAKE_RETURN_IF_ERROR(Step());
  for (const auto& [name, pending] : pending_) {
    if (!pending.error.ok()) return pending.error;
  }
  return Status::Ok();
}

Status WatchedFolder::Run() {
  while (true) {
    // A destination error is logged by the step and retried; only the watch itself ends Run.
    INTAKE_RETURN_IF_ERROR(Step());
    pollfd fds[2] = {{inotify_.get(), POLLIN, 0}, {stop_event_.get(), POLLIN, 0}};
    int ready = ::poll(fds, 2, PollTimeoutMs());
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return ErrnoStatus("poll on the watched folder", errno);
    if (fds[1].revents & POLLIN) {
      std::uint64_t value = 0;
      [[maybe_unused]] ssize_t n = ::read(stop_event_.get(), &value, sizeof value);
      return Status::Ok();
    }
  }
}

}  // namespace intake::capture
