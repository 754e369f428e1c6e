#include "signing/bag_sealer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "core/file_util.h"
#include "core/unique_fd.h"
#include "signing/bag_path.h"
#include "signing/bag_signature.h"
#include "signing/case_record.h"
#include "signing/digest.h"
#include "signing/tree_sync.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

constexpr size_t kBlock = 1 << 18;

Status WriteAllFd(int fd, const uint8_t* data, size_t size, const fs::path& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("write " + path.string(), errno);
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Copies src to dst (new file, 0644) while hashing. Returns the byte count.
Result<uint64_t> CopyHashed(const fs::path& src, const fs::path& dst, Digest& digest,
                            std::vector<uint8_t>& buffer) {
  UniqueFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!in) return ErrnoStatus("open " + src.string(), errno);
  UniqueFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) return ErrnoStatus("create " + dst.string(), errno);
  uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("read " + src.string(), errno);
    if (n == 0) break;
    digest.Update(std::span<const uint8_t>(buffer.data(), static_cast<size_t>(n)));
    INTAKE_RETURN_IF_ERROR(WriteAllFd(out.get(), buffer.data(), static_cast<size_t>(n), dst));
    total += static_cast<uint64_t>(n);
  }
  return total;  // made durable by SyncTree once the whole bag is written
}

// Relative paths of every regular file under case_dir except the top-level case.json, sorted.
Result<std::vector<std::string>> ListPayload(const fs::path& case_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(case_dir, ec), end;
  if (ec) return IoError("cannot list case folder " + case_dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError("cannot list case folder " + case_dir.string() + ": " + ec.message());
    const fs::file_status st = it->symlink_status(ec);
    std::string rel = fs::relative(it->path(), case_dir).generic_string();
    if (fs::is_directory(st)) continue;
    if (fs::is_symlink(st) || !fs::is_regular_file(st)) {
      return InvalidArgument("case folder entry '" + rel +
                             "' is a link or special file; only regular files can be sealed");
    }
    if (rel == "case.json") continue;
    INTAKE_RETURN_IF_ERROR(CheckBagPath(rel));
    files.push_back(std::move(rel));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Sha512Hex(std::string_view bytes) {
  Result<Digest> d = Digest::Create(DigestAlgorithm::kSha512);
  if (!d.ok()) return {};
  d->Update(bytes);
  return d->FinishHex();
}

Result<SealResult> Build(const fs::path& case_dir, const fs::path& work, const Signer& signer,
                         const SealOptions& options, const std::string& case_json) {
  INTAKE_ASSIGN_OR_RETURN(CaseSummary summary, ParseCaseJson(case_json));
  SealResult result;
  result.case_id = summary.case_id;
  result.key_id = signer.key_id();
  INTAKE_RETURN_IF_ERROR(MakeDirectories(work / "data", 0755));
  INTAKE_ASSIGN_OR_RETURN(std::vector<std::string> files, ListPayload(case_dir));

  std::string manifest;
  std::vector<uint8_t> buffer(kBlock);
  for (const std::string& rel : files) {
    const fs::path dst = work / "data" / rel;
    INTAKE_RETURN_IF_ERROR(MakeDirectories(dst.parent_path(), 0755));
    std::string checksum;
    uint64_t size = 0;
    if (options.link_payload && ::link((case_dir / rel).c_str(), dst.c_str()) == 0) {
      static constexpr DigestAlgorithm kSha512[] = {DigestAlgorithm::kSha512};
      INTAKE_ASSIGN_OR_RETURN(std::vector<std::string> sums, HashFile(dst, kSha512));
      checksum = sums[0];
      std::error_code ec;
      size = fs::file_size(dst, ec);
      if (ec) return IoError("stat " + dst.string() + ": " + ec.message());
    } else {
      INTAKE_ASSIGN_OR_RETURN(Digest digest, Digest::Create(DigestAlgorithm::kSha512));
      INTAKE_ASSIGN_OR_RETURN(size, CopyHashed(case_dir / rel, dst, digest, buffer));
      checksum = digest.FinishHex();
    }
    manifest += checksum + "  data/" + EncodeManifestPath(rel) + "\n";
    result.payload_bytes += size;
    ++result.payload_files;
  }

  const std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  std::string info;
  info += "Bag-Software-Agent: " + options.software_agent + "\n";
  info += "Bagging-Date: " + FormatDate(options.bagging_time) + "\n";
  info += "External-Identifier: " + result.case_id + "\n";
  info += "Payload-Oxum: " + std::to_string(result.payload_bytes) + "." +
          std::to_string(result.payload_files) + "\n";
  info += "Workstation-Key-Id: " + result.key_id + "\n";
  info += "Signature-Algorithm: " + signer.algorithm() + "\n";

  std::string tagmanifest;
  for (auto [name, bytes] : {std::pair<std::string_view, const std::string*>{"bag-info.txt", &info},
                             {"bagit.txt", &bagit},
                             {"case.json", &case_json},
                             {"manifest-sha512.txt", &manifest}}) {
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(work / name, *bytes));
    tagmanifest += Sha512Hex(*bytes) + "  " + std::string(name) + "\n";
  }
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(work / kSignedTagManifest, tagmanifest));
  INTAKE_ASSIGN_OR_RETURN(DetachedSignature sig, signer.Sign(AsBytes(tagmanifest)));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(work / kBagSignatureFile, FormatBagSignature(sig)));
  INTAKE_RETURN_IF_ERROR(SyncTree(work));
  return result;
}

}  // namespace

Result<SealResult> SealCase(const fs::path& case_dir, const fs::path& bag_dir,
                            const Signer& signer, const SealOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(case_dir, ec)) return NotFound("no case folder " + case_dir.string());
  if (fs::exists(bag_dir, ec)) {
    return Status(Code::kAlreadyExists, "bag " + bag_dir.string() + " already exists");
  }
  INTAKE_ASSIGN_OR_RETURN(std::string case_json, ReadFile(case_dir / "case.json"));
  fs::path work = bag_dir;
  work += ".partial";
  fs::remove_all(work, ec);  // a leftover from an interrupted seal
  Result<SealResult> result = Build(case_dir, work, signer, options, case_json);
  if (result.ok() && ::rename(work.c_str(), bag_dir.c_str()) != 0) {
    result = ErrnoStatus("rename " + work.string() + " to " + bag_dir.string(), errno);
  }
  if (result.ok()) {
    Status synced = SyncDirectory(bag_dir.parent_path());
    if (!synced.ok()) result = synced;
  }
  if (!result.ok()) {
    fs::remove_all(work, ec);
    return result.status().WithContext("seal case folder " + case_dir.string());
  }
  result->bag_dir = bag_dir;
  return result;
}

}  // namespace intake::signing
