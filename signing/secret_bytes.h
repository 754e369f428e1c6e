// SecretBytes: the single owner of secret key material in sodium_malloc memory (guard pages,
// locked against swap where the system allows, zeroed on free). Move-only.
//
// Secrets never pass through std::string or std::vector: they are read from disk straight into
// a SecretBytes and handed to libsodium from there.
// Thread safety: as a plain value; distinct objects on distinct threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.h"

namespace intake::signing {

class SecretBytes {
 public:
  SecretBytes() = default;  // empty, size() == 0
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // Allocates `size` zeroed bytes. Fails with kResourceExhausted when sodium_malloc does.
  static Result<SecretBytes> Allocate(size_t size);

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<const uint8_t> span() const { return {data_, size_}; }

 private:
  SecretBytes(uint8_t* data, size_t size) : data_(data), size_(size) {}
  void Free();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace intake::signing
