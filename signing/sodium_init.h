// One-time libsodium initialisation. Every public entry point of intake_signing that uses
// libsodium calls InitSodium() first; it is cheap after the first call.
// Thread safety: thread-safe (sodium_init is, and we cache its result).
#pragma once

#include "core/status.h"

namespace intake::signing {

// Fails (kInternal) only if libsodium cannot initialise (no entropy source).
Status InitSodium();

}  // namespace intake::signing
