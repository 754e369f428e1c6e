#include "capture/page_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "core/log.h"

namespace intake::capture {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kPartialPrefix = ".partial-";

std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "0007.json" -> 7; 0 if the name is not NNNN.json.
int SequenceOfJson(const fs::path& p) {
  if (p.extension() != ".json") return 0;
  const std::string stem = p.stem().string();
  if (stem.size() < 4 || !std::all_of(stem.begin(), stem.end(), ::isdigit)) return 0;
  return std::stoi(stem);
}

// Creates `path` with `content` and fdatasyncs it; removes it on failure.
Status WriteSyncedFile(const fs::path& path, std::string_view content) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return ErrnoStatus("create " + path.string(), errno);
  Status status;
  for (size_t done = 0; done < content.size() && status.ok();) {
    const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = ErrnoStatus("write " + path.string(), errno);
    else done += static_cast<size_t>(n);
  }
  if (status.ok() && ::fdatasync(fd.get()) != 0)
    status = ErrnoStatus("fdatasync " + path.string(), errno);
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

}  // namespace

std::string PageStem(int sequence) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", sequence);
  return buf;
}

std::string PageMetadataToJson(const PageMetadata& m) {
  json checks = json::array();
  for (const auto& c : m.checks)
    checks.push_back({{"check", c.check}, {"message_uk", c.message_uk}, {"detail", c.detail}});
  json j = {{"sequence", m.sequence}, {"file", m.file},       {"device", m.device},
            {"source", m.source},     {"settings", m.settings}, {"captured_at", m.captured_at},
            {"width", m.width},       {"height", m.height},   {"dpi", m.dpi},
            {"depth", m.depth},       {"layout", m.layout},   {"bytes", m.bytes},
            {"checks", checks},       {"rescan", m.rescan},   {"batch_page", m.batch_page}};
  return j.dump(2) + "\n";
}

Result<PageMetadata> PageMetadataFromJson(std::string_view text) {
  try {
    json j = json::parse(text);
    PageMetadata m;
    m.sequence = j.at("sequence").get<int>();
    m.file = j.at("file").get<std::string>();
    m.device = j.value("device", "");
    m.source = j.value("source", "");
    m.settings = j.value("settings", std::map<std::string, std::string>{});
    m.captured_at = j.value("captured_at", "");
    m.width = j.value("width", 0);
    m.height = j.value("height", 0);
    m.dpi = j.value("dpi", 0.0);
    m.depth = j.value("depth", 8);
    m.layout = j.value("layout", "");
    m.bytes = j.value("bytes", uint64_t{0});
    m.rescan = j.value("rescan", false);
    m.batch_page = j.value("batch_page", 0);
    for (const auto& c : j.value("checks", json::array()))
      m.checks.push_back({c.value("check", ""), c.value("message_uk", ""), c.value("detail", "")});
    return m;
  } catch (const json::exception& e) {
    return Corrupt(std::string("page metadata is not valid: ") + e.what());
  }
}

Result<PageStore> PageStore::Open(const fs::path& case_dir) {
  PageStore store(case_dir / "pages");
  INTAKE_RETURN_IF_ERROR(MakeDirectories(store.pages_dir_));
  {
    // The lock is on the pages folder itself: no extra file in the case.
    UniqueFd lock(::open(store.pages_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!lock) return ErrnoStatus("open " + store.pages_dir_.string(), errno);
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) == 0) store.writer_lock_ = std::move(lock);
    else
      LogDebug("capture", "case pages are being written elsewhere; leftovers are left alone");
  }
  std::error_code ec;
  int highest = 0;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(store.pages_dir_, ec)) entries.push_back(e.path());
  if (ec) return IoError("list " + store.pages_dir_.string() + ": " + ec.message());
  for (const auto& p : entries) highest = std::max(highest, SequenceOfJson(p));
  for (const auto& p : entries) {
    if (!store.writer_lock_) break;  // another writer: its partial page may be in flight
    const std::string name = p.filename().string();
    bool partial = name.rfind(kPartialPrefix, 0) == 0 || name.find(".tmp") != std::string::npos;
    // An image numbered above the last JSON never completed (crash between the two renames).
    if (!partial && p.extension() != ".json" && name.size() > 4 &&
        std::all_of(name.begin(), name.begin() + 4, ::isdigit) &&
        std::stoi(name.substr(0, 4)) > highest)
      partial = true;
    if (partial) {
      fs::remove_all(p, ec);
      ++store.removed_partials_;
    }
  }
  if (store.removed_partials_ > 0)
    LogWarning("capture", "removed " + std::to_string(store.removed_partials_) +
                              " incomplete page file(s) in " + store.pages_dir_.string());
  store.next_sequence_ = highest + 1;
  return store;
}

fs::path PageStore::PartialPath(const std::string& ext) const {
  return pages_dir_ / (std::string(kPartialPrefix) + PageStem(next_sequence_) + "." + ext);
}

Result<PageMetadata> PageStore::Commit(const fs::path& partial, const std::string& ext,
                                       PageMetadata metadata) {
  const std::string stem = PageStem(next_sequence_);
  const fs::path image = pages_dir_ / (stem + "." + ext);
  const fs::path json = pages_dir_ / (stem + ".json");
  // Hidden like the image's partial file, so Open() removes it after a crash.
  const fs::path json_partial = pages_dir_ / (std::string(kPartialPrefix) + stem + ".json");
  std::error_code ec;
  metadata.sequence = next_sequence_;
  metadata.file = image.filename().string();
  metadata.bytes = fs::file_size(partial, ec);
  if (ec) return IoError("page file " + partial.string() + ": " + ec.message());
  if (metadata.captured_at.empty()) metadata.captured_at = UtcNow();

  // Durability in three syncs, the fewest that survive a power cut: the image's data (done
  // by its writer, REQUIRES above), the metadata's data, then one sync of the folder after
  // both renames. The image takes its name first; the page exists once its JSON does.
  INTAKE_RETURN_IF_ERROR(WriteSyncedFile(json_partial, PageMetadataToJson(metadata)));
  auto undo = [&](Status failure, bool json_renamed) {
    std::error_code ignored;
    if (json_renamed) fs::remove(json, ignored);  // first: the page stops existing
    fs::rename(image, partial, ignored);          // the caller discards or retries it
    fs::remove(json_partial, ignored);
    return failure;
  };
  if (::rename(partial.c_str(), image.c_str()) != 0) {
    Status failed = ErrnoStatus("rename " + partial.string() + " to " + image.string(), errno);
    fs::remove(json_partial, ec);
    return failed;
  }
  if (::rename(json_partial.c_str(), json.c_str()) != 0)
    return undo(ErrnoStatus("rename " + json_partial.string() + " to " + json.string(), errno),
                false);
  // If the folder cannot be synced, the page is not reported stored, so it must not stay
  // visible either: a reader would take it for a page the operator was told is safe.
  if (Status synced = SyncDirectory(pages_dir_); !synced.ok()) return undo(synced, true);
  ++next_sequence_;
  return metadata;
}

void PageStore::Discard(const fs::path& partial) const {
  std::error_code ec;
  fs::remove(partial, ec);
}

Result<std::vector<PageMetadata>> PageStore::ListPages(const fs::path& case_dir) {
  if (!fs::is_directory(case_dir / "pages")) return std::vector<PageMetadata>{};
  return PageStore(case_dir / "pages").List();
}

Result<std::vector<PageMetadata>> PageStore::List() const {
  std::vector<PageMetadata> pages;
  std::error_code ec;
  std::vector<fs::path> jsons;
  for (const auto& e : fs::directory_iterator(pages_dir_, ec))
    if (SequenceOfJson(e.path()) > 0) jsons.push_back(e.path());
  if (ec) return IoError("list " + pages_dir_.string() + ": " + ec.message());
  std::sort(jsons.begin(), jsons.end());
  for (const auto& p : jsons) {
    INTAKE_ASSIGN_OR_RETURN(std::string text, ReadFile(p));
    auto m = PageMetadataFromJson(text);
    if (!m.ok()) return m.status().WithContext(p.string());
    pages.push_back(std::move(*m));
  }
  return pages;
}

}  // namespace intake::capture
