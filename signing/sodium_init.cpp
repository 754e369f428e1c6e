#include "signing/sodium_init.h"

#include <sodium.h>

namespace intake::signing {

Status InitSodium() {
  static const int result = sodium_init();  // 0 first time, 1 if already done, -1 on failure
  if (result < 0) return Internal("libsodium failed to initialise (no entropy source?)");
  return Status::Ok();
}

}  // namespace intake::signing
