// SyncTree: makes every file and directory under a root durable, after they were all written.
//
// One syncfs(2) on the root's filesystem instead of one fsync per file: on ext4 every fsync
// costs a device cache flush even for a file that is already clean (about 5 ms on the build
// machine), so per-file fsync was the slowest part of sealing and decrypting a 300-file case.
// syncfs writes back and flushes the whole filesystem once (and reports writeback errors
// since Linux 5.8). Falls back to fsync of each file and directory if syncfs fails.
// Thread safety: reentrant.
#pragma once

#include <filesystem>

#include "core/status.h"

namespace intake::signing {

Status SyncTree(const std::filesystem::path& root);

}  // namespace intake::signing
