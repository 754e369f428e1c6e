#include "signing/package_crypto.h"

#include <fcntl.h>
#include <sodium.h>
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
#include "signing/secret_bytes.h"
#include "signing/sodium_init.h"
#include "signing/tree_sync.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

using State = crypto_secretstream_xchacha20poly1305_state;
constexpr size_t kAdSize = 32 + 8;

void PutBE(uint8_t* p, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) *p++ = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t GetBE(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = v << 8 | p[i];
  return v;
}

std::array<uint8_t, 32> HeaderHash(const std::vector<uint8_t>& raw) {
  std::array<uint8_t, 32> h;
  crypto_generichash(h.data(), h.size(), raw.data(), raw.size(), nullptr, 0);
  return h;
}

Status WriteAll(int fd, const uint8_t* p, size_t n, const fs::path& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return ErrnoStatus("write " + path.string(), errno);
    p += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

// Reads up to n bytes; returns how many (less than n only at end of file).
Result<size_t> ReadUpTo(int fd, uint8_t* p, size_t n, const fs::path& path) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::read(fd, p + done, n - done);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return ErrnoStatus("read " + path.string(), errno);
    if (r == 0) break;
    done += static_cast<size_t>(r);
  }
  return done;
}

// Encrypts plaintext into frames of kFramePlaintextSize; the last frame is pushed by Finish.
class FrameWriter {
 public:
  FrameWriter(int fd, const fs::path& path, State* state, std::array<uint8_t, 32> header_hash)
      : fd_(fd), path_(path), state_(state), header_hash_(header_hash) {
    plain_.reserve(kFramePlaintextSize);
    cipher_.resize(kFramePrefixSize + kFramePlaintextSize + kFrameOverhead);
  }
  Status Add(std::span<const uint8_t> bytes) {
    while (!bytes.empty()) {
      if (plain_.size() == kFramePlaintextSize) INTAKE_RETURN_IF_ERROR(Flush(0));
      size_t take = std::min(bytes.size(), kFramePlaintextSize - plain_.size());
      plain_.insert(plain_.end(), bytes.begin(), bytes.begin() + take);
      bytes = bytes.subspan(take);
      plaintext_bytes_ += take;
    }
    return Status::Ok();
  }
  Status Finish() { return Flush(crypto_secretstream_xchacha20poly1305_TAG_FINAL); }
  uint64_t plaintext_bytes() const { return plaintext_bytes_; }

 private:
  Status Flush(uint8_t tag) {
    uint8_t ad[kAdSize];
    std::memcpy(ad, header_hash_.data(), 32);
    PutBE(ad + 32, index_, 8);
    unsigned long long clen = 0;
    crypto_secretstream_xchacha20poly1305_push(state_, cipher_.data() + kFramePrefixSize, &clen,
                                               plain_.data(), plain_.size(), ad, sizeof ad, tag);
    PutBE(cipher_.data(), index_, 8);
    PutBE(cipher_.data() + 8, clen, 4);
    INTAKE_RETURN_IF_ERROR(WriteAll(fd_, cipher_.data(), kFramePrefixSize + clen, path_));
    ++index_;
    plain_.clear();
    return Status::Ok();
  }

  int fd_;
  const fs::path& path_;
  State* state_;
  std::array<uint8_t, 32> header_hash_;
  std::vector<uint8_t> plain_;
  std::vector<uint8_t> cipher_;
  uint64_t index_ = 0;
  uint64_t plaintext_bytes_ = 0;
};

Status Fail(PackageFault f, PackageFault* out, const std::string& message) {
  if (out != nullptr) *out = f;
  Code code = f == PackageFault::kWrongRecipient ? Code::kPermissionDenied : Code::kCorrupt;
  return Status(code, std::string(PackageFaultName(f)) + ": " + message);
}

}  // namespace

std::string_view PackageFaultName(PackageFault f) {
  switch (f) {
    case PackageFault::kNone: return "ok";
    case PackageFault::kNotAPackage: return "not a package";
    case PackageFault::kWrongRecipient: return "wrong recipient";
    case PackageFault::kWrongCaseId: return "wrong case id";
    case PackageFault::kTampered: return "tampered";
    case PackageFault::kReordered: return "reordered";
    case PackageFault::kTruncated: return "truncated";
    case PackageFault::kTrailingData: return "trailing data";
    case PackageFault::kBadContent: return "bad content";
    case PackageFault::kIo: return "i/o error";
  }
  return "?";
}

Result<PackageInfo> EncryptPackage(const fs::path& bag_dir, const PublicKey& recipient,
                                   std::string_view case_id, const fs::path& out_file) {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  if (!IsValidCaseId(case_id)) {
    return InvalidArgument("cannot encrypt: '" + std::string(case_id) + "' is not a case id");
  }
  PackageHeader header;
  header.case_id = std::string(case_id);
  uint8_t hash[32];
  crypto_generichash(hash, sizeof hash, recipient.data(), recipient.size(), nullptr, 0);
  std::copy(hash, hash + 8, header.recipient_key_id.begin());

  // Stream key and its sealed form; the key lives in sodium memory only.
  INTAKE_ASSIGN_OR_RETURN(SecretBytes sealed_input, SecretBytes::Allocate(32 + case_id.size()));
  crypto_secretstream_xchacha20poly1305_keygen(sealed_input.data());
  std::memcpy(sealed_input.data() + 32, case_id.data(), case_id.size());
  header.sealed_key.resize(crypto_box_SEALBYTES + sealed_input.size());
  if (crypto_box_seal(header.sealed_key.data(), sealed_input.data(), sealed_input.size(),
                      recipient.data()) != 0) {
    return InvalidArgument("the back office's public key is not a usable X25519 key");
  }
  INTAKE_ASSIGN_OR_RETURN(SecretBytes state_mem, SecretBytes::Allocate(sizeof(State)));
  State* state = reinterpret_cast<State*>(state_mem.data());
  crypto_secretstream_xchacha20poly1305_init_push(state, header.stream_header.data(),
                                                  sealed_input.data());
  std::vector<uint8_t> raw = EncodePackageHeader(header);

  fs::path partial = out_file;
  partial += ".partial";
  UniqueFd fd(::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!fd) return ErrnoStatus("create " + partial.string(), errno);
  auto fail = [&](Status s) {
    ::unlink(partial.c_str());
    return s.WithContext("encrypt package for case " + std::string(case_id));
  };
  Status s = WriteAll(fd.get(), raw.data(), raw.size(), partial);
  if (!s.ok()) return fail(s);
  FrameWriter writer(fd.get(), partial, state, HeaderHash(raw));
  Result<uint64_t> files = WriteBagStream(bag_dir, [&](std::span<const uint8_t> b) {
    return writer.Add(b);
  });
  if (!files.ok()) return fail(files.status());
  s = writer.Finish();
  if (s.ok() && ::fsync(fd.get()) != 0) s = ErrnoStatus("fsync " + partial.string(), errno);
  if (!s.ok()) return fail(s);
  struct stat st {};
  ::fstat(fd.get(), &st);
  fd.reset();
  if (::rename(partial.c_str(), out_file.c_str()) != 0) {
    return fail(ErrnoStatus("rename to " + out_file.string(), errno));
  }
  s = SyncDirectory(out_file.parent_path());
  if (!s.ok()) return fail(s);
  PackageInfo info;
  info.case_id = header.case_id;
  info.recipient_key_id = header.recipient_key_id_hex();
  info.package_bytes = static_cast<uint64_t>(st.st_size);
  info.payload_bytes = writer.plaintext_bytes();
  info.files = *files;
  return info;
}

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
