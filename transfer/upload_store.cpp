#include "transfer/upload_store.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "transfer/digest.h"

namespace intake::transfer {

namespace fs = std::filesystem;

namespace {
bool ValidId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
}  // namespace

Result<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header) {
  std::map<std::string, std::string> out;
  std::stringstream stream{std::string(header)};
  std::string pair;
  while (std::getline(stream, pair, ',')) {
    size_t b = pair.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    pair = pair.substr(b);
    size_t space = pair.find(' ');
    std::string key = pair.substr(0, space);
    if (key.empty()) return InvalidArgument("Upload-Metadata has an empty key");
    std::string value;
    if (space != std::string::npos) {
      auto decoded = Base64Decode(pair.substr(space + 1));
      if (!decoded.ok()) return InvalidArgument("Upload-Metadata value of '" + key + "' is not base64");
      value = *decoded;
    }
    out[key] = value;
  }
  return out;
}

Result<std::unique_ptr<UploadStore>> UploadStore::Open(const fs::path& dir) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir, 0700));
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  return std::unique_ptr<UploadStore>(new UploadStore(dir));
}

fs::path UploadStore::PartPath(std::string_view id) const { return dir_ / (std::string(id) + ".part"); }

Status UploadStore::WriteInfo(const UploadInfo& info) {
  nlohmann::json j = {{"length", info.length},         {"metadata", info.metadata_header},
                      {"created_at", info.created_at}, {"expires_at", info.expires_at},
                      {"filed_case_id", info.filed_case_id}};
  return WriteFileAtomic(dir_ / (info.id + ".info"), j.dump(), 0600);
}

Result<UploadInfo> UploadStore::Create(int64_t length, std::string_view metadata_header,
                                       int64_t now, int64_t expires_in_seconds) {
  UploadInfo info;
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  info.id = HexEncode(std::string_view(reinterpret_cast<char*>(random), sizeof random));
  info.length = length;
  info.metadata_header = std::string(metadata_header);
  INTAKE_ASSIGN_OR_RETURN(info.metadata, ParseUploadMetadata(metadata_header));
  info.created_at = now;
  info.expires_at = now + expires_in_seconds;
  // The .part first, then the .info: an .info always has its .part (or is a tombstone).
  FILE* part = std::fopen(PartPath(info.id).c_str(), "wbx");
  if (!part) return ErrnoStatus("create " + PartPath(info.id).string(), errno);
  std::fclose(part);
  INTAKE_RETURN_IF_ERROR(WriteInfo(info));
  return info;
}

Result<UploadInfo> UploadStore::Get(std::string_view id) {
  if (!ValidId(id)) return NotFound("no upload " + std::string(id));
  auto text = ReadFile(dir_ / (std::string(id) + ".info"));
  if (!text.ok()) return NotFound("no upload " + std::string(id));
  UploadInfo info;
  info.id = std::string(id);
  try {
    auto j = nlohmann::json::parse(*text);
    info.length = j.at("length").get<int64_t>();
    info.metadata_header = j.at("metadata").get<std::string>();
    info.created_at = j.at("created_at").get<int64_t>();
    info.expires_at = j.at("expires_at").get<int64_t>();
    info.filed_case_id = j.value("filed_case_id", "");
  } catch (const nlohmann::json::exception& e) {
    return Corrupt("upload " + info.id + " has a damaged .info: " + e.what());
  }
  auto metadata = ParseUploadMetadata(info.metadata_header);
  if (metadata.ok()) info.metadata = *metadata;
  if (!info.filed_case_id.empty()) {
    info.offset = info.length;
    return info;
  }
  struct stat st{};
  if (::stat(PartPath(id).c_str(), &st) != 0) return NotFound("upload " + info.id + " has no data file");
  info.offset = st.st_size;
  return info;
}

Status UploadStore::MarkFiled(const UploadInfo& info, std::string_view case_id) {
  UploadInfo filed = info;
  filed.filed_case_id = std::string(case_id);
  return WriteInfo(filed);
}

Status UploadStore::Remove(std::string_view id) {
  std::error_code ec;
  fs::remove(PartPath(id), ec);
  fs::remove(dir_ / (std::string(id) + ".info"), ec);
  if (ec) return IoError("remove upload " + std::string(id) + ": " + ec.message());
  return Status::Ok();
}

int UploadStore::RemoveExpired(int64_t now) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() != ".info") continue;
    std::string id = entry.path().stem().string();
    auto lock = LockFor(id);
    std::unique_lock<std::timed_mutex> guard(*lock, std::try_to_lock);
    if (!guard.owns_lock()) continue;  // being written right now: not expired
    auto info = Get(id);
    if (info.ok() && info->expires_at < now && Remove(id).ok()) ++removed;
  }
  return removed;
}

std::vector<std::string> UploadStore::CompleteUnfiled() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() != ".info") continue;
    auto info = Get(entry.path().stem().string());
    if (info.ok() && info->filed_case_id.empty() && info->offset == info->length)
      out.push_back(info->id);
  }
  return out;
}

int64_t UploadStore::BytesHeld() {
  int64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() == ".part") total += static_cast<int64_t>(entry.file_size(ec));
  }
  return total;
}

std::shared_ptr<std::timed_mutex> UploadStore::LockFor(std::string_view id) {
  std::lock_guard<std::mutex> guard(locks_mutex_);
  auto& weak = locks_[std::string(id)];
  auto lock = weak.lock();
  if (!lock) {
    lock = std::make_shared<std::timed_mutex>();
    weak = lock;
  }
  return lock;
}

}  // namespace intake::transfer
