#include "signing/key_types.h"

#include <sodium.h>

#include "signing/encoding.h"
#include "signing/sodium_init.h"

namespace intake::signing {

std::string KeyIdOf(const PublicKey& key) {
  (void)InitSodium();  // generichash needs no runtime state; the call only picks implementations
  uint8_t hash[32];
  crypto_generichash(hash, sizeof hash, key.data(), key.size(), nullptr, 0);
  return ToHex(std::span<const uint8_t>(hash, 8));
}

Result<PublicKey> ParsePublicKey(std::string_view text) {
  Result<std::vector<uint8_t>> bytes =
      text.size() == 2 * kPublicKeySize ? FromHex(text) : FromBase64(text);
  if (!bytes.ok() || bytes->size() != kPublicKeySize) {
    return InvalidArgument("a public key must be 32 bytes as 64 hex digits or base64");
  }
  PublicKey key;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

}  // namespace intake::signing
