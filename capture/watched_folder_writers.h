// Whether some process still has a file open for writing — the one sure sign that a file in a
// scanner's inbox is not finished, whatever its size or age says (a flatbed scanner writing a
// multi-page TIFF keeps it open while the operator places the next sheet; after each page the
// file is a valid TIFF of the pages so far).
//
// Linux file leases answer it for every process on the machine, smbd included: a read lease
// (F_SETLEASE F_RDLCK) is refused with EAGAIN while any descriptor is open for writing. The
// lease is released at once. Leases need the caller to own the file (or CAP_LEASE) and a local
// file system; otherwise the answer is kUnknown and callers fall back to size-stable timing.
//
// A writer opening the file in the microseconds we hold the lease makes the kernel send SIGIO
// to us; PrepareWriterChecks() sets SIGIO to ignored when it has its default action
// (terminate), which intake processes never rely on.
//
// Thread safety: reentrant.
#pragma once

#include <filesystem>

namespace intake::capture {

enum class FileWriters { kNone, kOpen, kUnknown };

FileWriters CheckFileWriters(const std::filesystem::path& path);

// Call once per process before CheckFileWriters (WatchedFolder::Open does).
void PrepareWriterChecks();

}  // namespace intake::capture
