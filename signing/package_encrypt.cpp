// EncryptPackage (package_crypto.h) and the fault names.
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

}  // namespace intake::signing
