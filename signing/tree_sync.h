// SyncTree: makes every regular file and directory under a root durable (fsync each), after
// they were all written. Writing first and syncing at the end lets the filesystem commit one
// journal transaction for many files instead of one per file (ext4 data=ordered), which is
// what made per-file fsync the slowest part of sealing and decrypting.
// Thread safety: reentrant.
#pragma once

#include <filesystem>

#include "core/status.h"

namespace intake::signing {

Status SyncTree(const std::filesystem::path& root);

}  // namespace intake::signing
