// Helpers shared by package encryption and decryption (package_crypto.h): frame byte order,
// the additional data, and whole reads/writes. Internal; includes libsodium.
#pragma once

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/status.h"
#include "signing/package_crypto.h"

namespace intake::signing::internal {

using State = crypto_secretstream_xchacha20poly1305_state;
inline constexpr size_t kAdSize = 32 + 8;

inline void PutBE(uint8_t* p, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) *p++ = static_cast<uint8_t>(v >> (8 * i));
}
inline uint64_t GetBE(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = v << 8 | p[i];
  return v;
}

inline std::array<uint8_t, 32> HeaderHash(const std::vector<uint8_t>& raw) {
  std::array<uint8_t, 32> h;
  crypto_generichash(h.data(), h.size(), raw.data(), raw.size(), nullptr, 0);
  return h;
}

inline Status WriteAll(int fd, const uint8_t* p, size_t n, const std::filesystem::path& path) {
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
inline Result<size_t> ReadUpTo(int fd, uint8_t* p, size_t n, const std::filesystem::path& path) {
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

// Records the fault and builds the Status: "<fault name>: message" (kPermissionDenied for a
// wrong recipient, else kCorrupt).
inline Status Fail(PackageFault f, PackageFault* out, const std::string& message) {
  if (out != nullptr) *out = f;
  Code code = f == PackageFault::kWrongRecipient ? Code::kPermissionDenied : Code::kCorrupt;
  return Status(code, std::string(PackageFaultName(f)) + ": " + message);
}

}  // namespace intake::signing::internal
