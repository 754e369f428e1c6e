#include "signing/bag_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "core/file_util.h"
#include "signing/bag_path.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "INTKBAG1";

void PutBE(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint64_t GetBE(std::string_view in) {
  uint64_t v = 0;
  for (unsigned char c : in) v = v << 8 | c;
  return v;
}
std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

Result<uint64_t> WriteBagStream(const fs::path& bag_dir, const ByteSink& sink) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(bag_dir, ec), end; it != end; it.increment(ec)) {
    if (ec) return IoError("cannot list bag " + bag_dir.string() + ": " + ec.message());
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st)) continue;
    std::string rel = fs::relative(it->path(), bag_dir).generic_string();
    if (!fs::is_regular_file(st)) {
      return InvalidArgument("bag entry '" + rel + "' is a link or special file");
    }
    INTAKE_RETURN_IF_ERROR(CheckBagPath(rel));
    if (rel.size() > 0xffff) return InvalidArgument("bag path longer than 65535 bytes");
    files.push_back(std::move(rel));
  }
  if (ec) return IoError("cannot list bag " + bag_dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  INTAKE_RETURN_IF_ERROR(sink(Bytes(kMagic)));
  std::vector<uint8_t> buffer(1 << 16);
  for (const std::string& rel : files) {
    const fs::path path = bag_dir / rel;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd) return ErrnoStatus("open " + path.string(), errno);
    off_t size = ::lseek(fd.get(), 0, SEEK_END);
    if (size < 0 || ::lseek(fd.get(), 0, SEEK_SET) != 0) {
      return ErrnoStatus("seek " + path.string(), errno);
    }
    std::string head = "F";
    PutBE(head, rel.size(), 2);
    head += rel;
    PutBE(head, static_cast<uint64_t>(size), 8);
    INTAKE_RETURN_IF_ERROR(sink(Bytes(head)));
    uint64_t left = static_cast<uint64_t>(size);
    while (left > 0) {
      ssize_t n = ::read(fd.get(), buffer.data(), std::min<uint64_t>(buffer.size(), left));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return ErrnoStatus("read " + path.string(), errno);
      if (n == 0) return IoError(path.string() + " shrank while it was being packaged");
      INTAKE_RETURN_IF_ERROR(sink(std::span<const uint8_t>(buffer.data(), size_t(n))));
      left -= static_cast<uint64_t>(n);
    }
  }
  std::string tail = "E";
  PutBE(tail, files.size(), 8);
  INTAKE_RETURN_IF_ERROR(sink(Bytes(tail)));
  return static_cast<uint64_t>(files.size());
}

bool BagStreamReader::Collect(std::span<const uint8_t>& bytes, size_t n) {
  size_t take = std::min(n - pending_.size(), bytes.size());
  pending_.append(reinterpret_cast<const char*>(bytes.data()), take);
  bytes = bytes.subspan(take);
  consumed_ += take;
  return pending_.size() == n;
}

Status BagStreamReader::StartFile() {
  INTAKE_RETURN_IF_ERROR(CheckBagPath(path_));
  const fs::path path = out_dir_ / path_;
  INTAKE_RETURN_IF_ERROR(MakeDirectories(path.parent_path(), 0755));
  file_.reset(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!file_) {
    if (errno == EEXIST) return Corrupt("bag stream holds '" + path_ + "' twice");
    return ErrnoStatus("create " + path.string(), errno);
  }
  return Status::Ok();
}

Status BagStreamReader::EndFile() {
  // Not fsynced here: DecryptPackage syncs the whole tree once it is complete (tree_sync.h).
  if (::close(file_.release()) != 0) return ErrnoStatus("close " + path_, errno);
  ++files_;
  return Status::Ok();
}

Status BagStreamReader::Step(std::span<const uint8_t>& bytes) {
  switch (state_) {
    case State::kMagic:
      if (!Collect(bytes, kMagic.size())) return Status::Ok();
      if (pending_ != kMagic) return Corrupt("bag stream does not start with " + std::string(kMagic));
      state_ = State::kRecordType;
      break;
    case State::kRecordType:
      if (!Collect(bytes, 1)) return Status::Ok();
      if (pending_ == "F") state_ = State::kPathLength;
      else if (pending_ == "E") state_ = State::kCount;
      else return Corrupt("bag stream has an unknown record at byte " + std::to_string(consumed_ - 1));
      break;
    case State::kPathLength:
      if (!Collect(bytes, 2)) return Status::Ok();
      remaining_ = GetBE(pending_);
      if (remaining_ == 0) return Corrupt("bag stream has an empty path");
      path_.clear();
      state_ = State::kPath;
      break;
    case State::kPath:
      if (!Collect(bytes, remaining_)) return Status::Ok();
      path_ = pending_;
      state_ = State::kSize;
      break;
    case State::kSize:
      if (!Collect(bytes, 8)) return Status::Ok();
      remaining_ = GetBE(pending_);
      INTAKE_RETURN_IF_ERROR(StartFile());
      state_ = State::kContent;
      break;
    case State::kContent: {
      size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, bytes.size()));
      const uint8_t* p = bytes.data();
      size_t left = take;
      while (left > 0) {
        ssize_t n = ::write(file_.get(), p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return ErrnoStatus("write " + path_, errno);
        p += n;
        left -= static_cast<size_t>(n);
      }
      bytes = bytes.subspan(take);
      consumed_ += take;
      remaining_ -= take;
      if (remaining_ > 0) return Status::Ok();
      INTAKE_RETURN_IF_ERROR(EndFile());
      state_ = State::kRecordType;
      break;
    }
    case State::kCount:
      if (!Collect(bytes, 8)) return Status::Ok();
      if (GetBE(pending_) != files_) {
        return Corrupt("bag stream end record counts " + std::to_string(GetBE(pending_)) +
                       " files, found " + std::to_string(files_));
      }
      state_ = State::kDone;
      break;
    case State::kDone:
      return Corrupt("bag stream has bytes after its end record");
  }
  pending_.clear();
  return Status::Ok();
}

Status BagStreamReader::Feed(std::span<const uint8_t> bytes) {
  while (!bytes.empty()) INTAKE_RETURN_IF_ERROR(Step(bytes));
  // A zero-length file completes without further bytes.
  if (state_ == State::kContent && remaining_ == 0) {
    INTAKE_RETURN_IF_ERROR(EndFile());
    state_ = State::kRecordType;
  }
  return Status::Ok();
}

Status BagStreamReader::Finish() {
  if (state_ != State::kDone) {
    return Corrupt("bag stream ended early (in " + (path_.empty() ? std::string("header") : path_) +
                   ")");
  }
  return Status::Ok();
}

}  // namespace intake::signing
