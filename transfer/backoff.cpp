#include "transfer/backoff.h"

#include <algorithm>

namespace intake::transfer {

int64_t Backoff::DelaySeconds(int attempts) {
  int shift = std::clamp(attempts - 1, 0, 30);
  int64_t d = policy_.initial_seconds;
  for (int i = 0; i < shift && d < policy_.max_seconds; ++i) d *= 2;
  d = std::min(d, policy_.max_seconds);
  if (d <= 1) return d;
  std::uniform_int_distribution<int64_t> jitter(d / 2, d);
  return jitter(rng_);
}

}  // namespace intake::transfer
