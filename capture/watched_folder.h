// WatchedFolder: the inbox folder a network scanner saves into (scan-to-folder over SMB/FTP,
// or a copy from a USB stick), watched with inotify. Each PNG, JPEG, TIFF (multi-page) or PDF
// that arrives is imported once it is complete, through a FolderImporter into a page sink, then
// moved to done/; a damaged, incomplete or foreign file is moved to rejected/ with a
// .reason.txt. Nothing is deleted.
//
// When is a file complete?
//   - it was closed after writing (IN_CLOSE_WRITE) or renamed into the folder (IN_MOVED_TO):
//     it is attempted at once, without waiting for `settle`; or it has not changed for
//     `settle` (files that raise no event: present when watching starts, or written on a
//     network mount; SMB servers and some uploaders write in several open/close rounds or
//     keep the file open), and
//   - no process has it open for writing any more, where Linux can tell (file leases, see
//     watched_folder_writers.h: a scanner pausing between sheets keeps its file open), and
//   - it decodes completely. A file that still looks truncated is retried whenever it changes
//     again and rejected only after it has not changed for `give_up`.
// Files already in the folder when watching starts (e.g. after a restart) are treated as new
// arrivals: they are imported once unchanged for `settle`. The ledger prevents double imports
// of files whose import finished but whose move to done/ did not.
//
// Three ways to drive it: Run() blocks and watches until Stop(); ImportReady() is one
// non-blocking step of the same watching for a caller with its own loop (intaked's worker
// tick); ImportOnce() is a one-shot pass by file age alone (`intake import --once`).
//
// Thread safety: Run(), ImportReady() and ImportOnce() on one thread; Stop() from any thread
// or a signal handler.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "capture/folder_importer.h"
#include "core/status.h"
#include "core/unique_fd.h"

namespace intake::capture {

struct WatchedFolderOptions {
  FolderImporterOptions importer;                   // watch_dir and image decoding options
  std::chrono::milliseconds settle{2000};           // unchanged this long: complete
  std::chrono::milliseconds give_up{30000};         // still truncated after this long: rejected
  std::chrono::milliseconds retry_after_error{5000};  // the destination failed (disk full...)
};

// Called once per file outcome (imported, already imported, rejected; and, from ImportOnce
// only, not ready). Runs on the thread of Run()/ImportReady()/ImportOnce().
using FolderImportObserver = std::function<void(const FolderImportOutcome& outcome)>;

class WatchedFolder {
 public:
  // Prepares the folder (done/, rejected/, .intake/) and the inotify watch. The watch starts
  // now: files arriving before the first Run() or ImportReady() are not missed. `sink` is
  // borrowed.
  static Result<std::unique_ptr<WatchedFolder>> Open(const WatchedFolderOptions& options,
                                                     ImportedPageSink& sink,
                                                     FolderImportObserver observer);
  ~WatchedFolder();

  // One pass over the folder as it is now, without waiting: files last modified at least
  // `settle` ago are imported (a still-truncated one is rejected if older than `give_up`);
  // newer ones are reported as kNotReady and left in place. Returns the first destination
  // error (the pass goes on with the other files).
  Status ImportOnce();

  // One step of watching, without waiting: drains the inotify events already queued, looks
  // at the folder itself at most once a second (for files that raise no event), and imports
  // every file that is complete now by the rules above. A file closed after writing or
  // renamed in is taken in the first step after its event; one only seen by looking waits
  // for `settle`. Files not ready yet stay pending for a later step (nothing is reported for
  // them). Returns kUnavailable once the folder itself was removed or moved away (and from
  // then on: open a new WatchedFolder when it is back); otherwise the error of a file whose
  // destination failed (disk full...), again from every step until that file goes through
  // (it is retried every `retry_after_error`); otherwise OK.
  Status ImportReady();

  // Watches and imports until Stop(), by ImportReady() steps, sleeping on the inotify queue
  // in between. Returns OK after Stop(); kUnavailable when the folder itself is removed or
  // moved away.
  Status Run();

  // Whether the folder itself was removed or moved away (ImportReady() and Run() then return
  // kUnavailable).
  bool folder_gone() const { return folder_gone_; }

  // Makes Run() return soon. Async-signal-safe (writes to an eventfd).
  void Stop();

  FolderImporter& importer() { return *importer_; }

 private:
  struct Pending {
    bool closed = false;           // closed after writing / renamed in since the last change
    std::int64_t size = -1;
    std::int64_t mtime_ns = -1;
    std::chrono::steady_clock::time_point last_change;
    bool tried_unchanged = false;  // a not-ready attempt was made with the current content
    std::chrono::steady_clock::time_point not_before;  // after a destination error
    Status error;                  // the destination's last failure (logged once per
                                   // distinct message); OK once it went through
  };
  using Clock = std::chrono::steady_clock;

  WatchedFolder(WatchedFolderOptions options, std::unique_ptr<FolderImporter> importer,
                FolderImportObserver observer, UniqueFd inotify, UniqueFd stop_event)
      : options_(std::move(options)),
        importer_(std::move(importer)),
        observer_(std::move(observer)),
        inotify_(std::move(inotify)),
        stop_event_(std::move(stop_event)) {}

  Status ScanDirectory();                       // adds every candidate file to pending_
  Status ReadEvents();                          // drains inotify into pending_
  Status Step();                                // ImportReady() without destination errors
  void Evaluate();                              // attempts the files that are ready
  Status FolderGone() const;
  int PollTimeoutMs() const;

  WatchedFolderOptions options_;
  std::unique_ptr<FolderImporter> importer_;
  FolderImportObserver observer_;
  UniqueFd inotify_;
  UniqueFd stop_event_;
  std::map<std::string, Pending> pending_;
  bool folder_gone_ = false;                    // the watch ended with the folder
  Clock::time_point next_scan_{};               // ImportReady() looks at the folder then
};

}  // namespace intake::capture
