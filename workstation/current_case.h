// CurrentCase: the case the front desk is working on now, remembered across daemon restarts.
//
// The id lives in <spool>/current-case (written atomically). A restart of intaked resumes the
// same open case instead of opening a new one; once the case is sealed (its folder is gone)
// the file is cleared, and the next page opens a new case on demand.
//
// Thread safety: one thread (the daemon's worker) uses an instance.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/status.h"

namespace intake {

class CurrentCase {
 public:
  explicit CurrentCase(std::filesystem::path spool_dir) : spool_dir_(std::move(spool_dir)) {}

  // Reads the file. A missing file, or an id whose case folder is gone (sealed meanwhile), is
  // no current case (the stale file is cleared). A malformed file is kCorrupt naming it.
  Result<std::optional<std::string>> Load();

  // Durably makes `case_id` current / makes no case current.
  Status Set(const std::string& case_id);
  Status Clear();

  const std::optional<std::string>& id() const { return id_; }
  std::filesystem::path file() const { return spool_dir_ / "current-case"; }

 private:
  std::filesystem::path spool_dir_;
  std::optional<std::string> id_;
};

}  // namespace intake
