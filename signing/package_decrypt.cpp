// DecryptPackage and ReadPackageInfo (package_crypto.h).
#include "signing/package_crypto.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "core/file_util.h"
#include "core/unique_fd.h"
#include "signing/bag_stream.h"
#include "signing/case_record.h"
#include "signing/package_header.h"
#include "signing/package_io.h"
#include "signing/secret_bytes.h"
#include "signing/sodium_init.h"
#include "signing/tree_sync.h"

namespace intake::signing {

namespace fs = std::filesystem;
using namespace internal;

namespace {

Result<PackageHeader> ReadHeader(int fd, const fs::path& path, PackageFault* fault) {
  std::vector<uint8_t> raw(kPackageFixedPrefix);
  INTAKE_ASSIGN_OR_RETURN(size_t got, ReadUpTo(fd, raw.data(), raw.size(), path));
  if (got < kPackageFixedPrefix) {
    bool magic = got >= kPackageMagic.size() &&
                 std::equal(kPackageMagic.begin(), kPackageMagic.end(), raw.begin());
    return Fail(magic ? PackageFault::kTruncated : PackageFault::kNotAPackage, fault,
                "the file ends inside the package header (" + std::to_string(got) + " bytes)");
  }
  Result<size_t> size = PackageHeaderSize(raw);
  if (!size.ok()) return Fail(PackageFault::kNotAPackage, fault, size.status().message());
  raw.resize(*size);
  INTAKE_ASSIGN_OR_RETURN(size_t rest, ReadUpTo(fd, raw.data() + kPackageFixedPrefix,
                                                *size - kPackageFixedPrefix, path));
  if (rest < *size - kPackageFixedPrefix) {
    return Fail(PackageFault::kTruncated, fault, "the file ends inside the package header");
  }
  Result<PackageHeader> header = ParsePackageHeader(raw);
  if (!header.ok()) return Fail(PackageFault::kNotAPackage, fault, header.status().message());
  return header;
}

}  // namespace

Result<PackageInfo> ReadPackageInfo(const fs::path& package) {
  UniqueFd fd(::open(package.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoStatus("open " + package.string(), errno);
  INTAKE_ASSIGN_OR_RETURN(PackageHeader header, ReadHeader(fd.get(), package, nullptr));
  PackageInfo info;
  info.case_id = header.case_id;
  info.recipient_key_id = header.recipient_key_id_hex();
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0) info.package_bytes = static_cast<uint64_t>(st.st_size);
  return info;
}

namespace {

Result<PackageInfo> DecryptInto(int fd, const fs::path& package, const BoxKeyPair& recipient,
                                std::string_view expected_case_id, const fs::path& work,
                                PackageFault* fault) {
  INTAKE_ASSIGN_OR_RETURN(PackageHeader header, ReadHeader(fd, package, fault));
  if (header.recipient_key_id_hex() != recipient.key_id()) {
    return Fail(PackageFault::kWrongRecipient, fault,
                "the package is sealed to key " + header.recipient_key_id_hex() +
                    ", this key store holds " + recipient.key_id());
  }
  if (!expected_case_id.empty() && header.case_id != expected_case_id) {
    return Fail(PackageFault::kWrongCaseId, fault,
                "the package is for case " + header.case_id + ", expected " +
                    std::string(expected_case_id));
  }
  INTAKE_ASSIGN_OR_RETURN(SecretBytes opened,
                          SecretBytes::Allocate(header.sealed_key.size() - crypto_box_SEALBYTES));
  if (crypto_box_seal_open(opened.data(), header.sealed_key.data(), header.sealed_key.size(),
                           recipient.public_key().data(), recipient.secret().data()) != 0) {
    return Fail(PackageFault::kTampered, fault,
                "the sealed key does not open with this recipient key (altered or damaged header)");
  }
  std::string_view sealed_case(reinterpret_cast<const char*>(opened.data()) + 32,
                               opened.size() - 32);
  if (sealed_case != header.case_id) {
    return Fail(PackageFault::kWrongCaseId, fault,
                "the header names case " + header.case_id + " but the key was sealed for case " +
                    std::string(sealed_case) + " (header altered)");
  }
  INTAKE_ASSIGN_OR_RETURN(SecretBytes state_mem, SecretBytes::Allocate(sizeof(State)));
  State* state = reinterpret_cast<State*>(state_mem.data());
  if (crypto_secretstream_xchacha20poly1305_init_pull(state, header.stream_header.data(),
                                                      opened.data()) != 0) {
    return Fail(PackageFault::kTampered, fault, "the stream header is invalid");
  }
  const std::array<uint8_t, 32> header_hash = HeaderHash(header.raw);
  BagStreamReader reader(work);
  std::vector<uint8_t> cipher(kFramePlaintextSize + kFrameOverhead);
  std::vector<uint8_t> plain(kFramePlaintextSize);
  uint64_t offset = header.raw.size();
  for (uint64_t index = 0;; ++index) {
    uint8_t prefix[kFramePrefixSize];
    INTAKE_ASSIGN_OR_RETURN(size_t got, ReadUpTo(fd, prefix, sizeof prefix, package));
    if (got < sizeof prefix) {
      return Fail(PackageFault::kTruncated, fault,
                  "the file ends after " + std::to_string(offset + got) + " bytes, before frame #" +
                      std::to_string(index) + " and without the final frame");
    }
    const uint64_t found_index = GetBE(prefix, 8);
    const uint64_t clen = GetBE(prefix + 8, 4);
    if (found_index != index) {
      return Fail(PackageFault::kReordered, fault,
                  "frame #" + std::to_string(found_index) + " found at position #" +
                      std::to_string(index) + " (byte " + std::to_string(offset) + ")");
    }
    if (clen < kFrameOverhead || clen > cipher.size()) {
      return Fail(PackageFault::kTampered, fault,
                  "frame #" + std::to_string(index) + " has an impossible length " +
                      std::to_string(clen));
    }
    INTAKE_ASSIGN_OR_RETURN(size_t body, ReadUpTo(fd, cipher.data(), clen, package));
    if (body < clen) {
      return Fail(PackageFault::kTruncated, fault,
                  "frame #" + std::to_string(index) + " is cut after " + std::to_string(body) +
                      " of " + std::to_string(clen) + " bytes");
    }
    uint8_t ad[kAdSize];
    std::memcpy(ad, header_hash.data(), 32);
    PutBE(ad + 32, index, 8);
    unsigned long long plen = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(state, plain.data(), &plen, &tag, cipher.data(),
                                                   clen, ad, sizeof ad) != 0) {
      return Fail(PackageFault::kTampered, fault,
                  "frame #" + std::to_string(index) + " at byte " + std::to_string(offset) +
                      " fails authentication (bits changed in transit or on disk)");
    }
    offset += sizeof prefix + clen;
    Status fed = reader.Feed(std::span<const uint8_t>(plain.data(), plen));
    if (!fed.ok()) {
      if (fed.code() == Code::kCorrupt) return Fail(PackageFault::kBadContent, fault, fed.message());
      if (fault != nullptr) *fault = PackageFault::kIo;
      return fed;
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
  }
  uint8_t extra;
  INTAKE_ASSIGN_OR_RETURN(size_t more, ReadUpTo(fd, &extra, 1, package));
  if (more != 0) {
    return Fail(PackageFault::kTrailingData, fault,
                "bytes follow the final frame at byte " + std::to_string(offset));
  }
  Status finished = reader.Finish();
  if (!finished.ok()) return Fail(PackageFault::kBadContent, fault, finished.message());
  INTAKE_RETURN_IF_ERROR(SyncTree(work));
  PackageInfo info;
  info.case_id = header.case_id;
  info.recipient_key_id = header.recipient_key_id_hex();
  info.package_bytes = offset;
  info.payload_bytes = reader.bytes();
  info.files = reader.files();
  return info;
}

}  // namespace

Result<PackageInfo> DecryptPackage(const fs::path& package, const BoxKeyPair& recipient,
                                   std::string_view expected_case_id, const fs::path& out_bag_dir,
                                   PackageFault* fault) {
  if (fault != nullptr) *fault = PackageFault::kNone;
  INTAKE_RETURN_IF_ERROR(InitSodium());
  std::error_code ec;
  if (fs::exists(out_bag_dir, ec)) {
    return Status(Code::kAlreadyExists, "output " + out_bag_dir.string() + " already exists");
  }
  UniqueFd fd(::open(package.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    if (fault != nullptr) *fault = PackageFault::kIo;
    return ErrnoStatus("open " + package.string(), errno);
  }
  fs::path work = out_bag_dir;
  work += ".partial";
  fs::remove_all(work, ec);
  Status made = MakeDirectories(work, 0700);
  Result<PackageInfo> info =
      made.ok() ? DecryptInto(fd.get(), package, recipient, expected_case_id, work, fault)
                : Result<PackageInfo>(made);
  if (info.ok() && ::rename(work.c_str(), out_bag_dir.c_str()) != 0) {
    info = ErrnoStatus("rename to " + out_bag_dir.string(), errno);
  }
  if (info.ok()) {
    Status synced = SyncDirectory(out_bag_dir.parent_path());
    if (!synced.ok()) info = synced;
  }
  if (!info.ok()) {
    fs::remove_all(work, ec);
    if (fault != nullptr && *fault == PackageFault::kNone) *fault = PackageFault::kIo;
    return info.status().WithContext("decrypt " + package.filename().string());
  }
  return info;
}

}  // namespace intake::signing
