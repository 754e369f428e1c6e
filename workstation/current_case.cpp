#include "workstation/current_case.h"

#include <cerrno>

#include "core/file_util.h"
#include "workstation/case_id.h"

namespace intake {

namespace fs = std::filesystem;

Result<std::optional<std::string>> CurrentCase::Load() {
  id_.reset();
  auto text = ReadFile(file());
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return id_;
    return text.status();
  }
  std::string id = *text;
  while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
  if (!IsValidCaseId(id))
    return Corrupt(file().string() + " does not hold a case id; remove it to start a new case");
  std::error_code ec;
  if (!fs::exists(spool_dir_ / "cases" / id / "case.json", ec)) {
    INTAKE_RETURN_IF_ERROR(Clear());  // sealed (or removed) while we were not looking
    return id_;
  }
  id_ = id;
  return id_;
}

Status CurrentCase::Set(const std::string& case_id) {
  if (!IsValidCaseId(case_id)) return InvalidArgument("not a case id: " + case_id);
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(file(), case_id + "\n", 0600));
  id_ = case_id;
  return Status::Ok();
}

Status CurrentCase::Clear() {
  std::error_code ec;
  fs::remove(file(), ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    return ErrnoStatus("remove " + file().string(), ec.value());
  INTAKE_RETURN_IF_ERROR(SyncDirectory(spool_dir_));
  id_.reset();
  return Status::Ok();
}

}  // namespace intake
