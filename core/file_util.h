// Durable file operations shared by every library.
//
// WriteFileAtomic follows the leveldb/ninja pattern: write a temp file in the same directory,
// fsync it, rename over the target, fsync the directory. After it returns OK the new content
// survives a power cut; if it fails, the old content (if any) is untouched.
//
// Thread safety: functions are reentrant; concurrent writers of the same path race on rename
// (last one wins, each result is complete).
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace intake {

Result<std::string> ReadFile(const std::filesystem::path& path);

// mode applies to the new file (e.g. 0600 for secrets).
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content,
                       unsigned mode = 0644);

// fsync the directory itself so a rename or create inside it is durable.
Status SyncDirectory(const std::filesystem::path& dir);

// mkdir -p with the given mode for directories it creates.
Status MakeDirectories(const std::filesystem::path& dir, unsigned mode = 0755);

}  // namespace intake
