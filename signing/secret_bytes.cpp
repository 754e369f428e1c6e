#include "signing/secret_bytes.h"

#include <sodium.h>

#include <utility>

#include "signing/sodium_init.h"

namespace intake::signing {

SecretBytes::~SecretBytes() { Free(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Free();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void SecretBytes::Free() {
  if (data_ != nullptr) sodium_free(data_);  // zeroes before unmapping
  data_ = nullptr;
  size_ = 0;
}

Result<SecretBytes> SecretBytes::Allocate(size_t size) {
  INTAKE_RETURN_IF_ERROR(InitSodium());
  void* p = sodium_malloc(size == 0 ? 1 : size);
  if (p == nullptr) {
    return Status(Code::kResourceExhausted, "sodium_malloc failed for secret key memory");
  }
  sodium_memzero(p, size);
  return SecretBytes(static_cast<uint8_t*>(p), size);
}

}  // namespace intake::signing
