// Retry delays for undelivered packages: exponential in the attempt count, capped, with
// jitter so that many workstations coming back after an outage do not retry in lockstep.
//
// Thread safety: Backoff holds its own RNG; one per thread.
#pragma once

#include <cstdint>
#include <random>

namespace intake::transfer {

struct BackoffPolicy {
  int64_t initial_seconds = 5;
  int64_t max_seconds = 600;
};

class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy, uint64_t seed = std::random_device{}())
      : policy_(policy), rng_(seed) {}
  // Delay before the next try after `attempts` failed attempts (>= 1): uniformly in
  // [d/2, d] where d = min(max, initial * 2^(attempts-1)).
  int64_t DelaySeconds(int attempts);

 private:
  BackoffPolicy policy_;
  std::mt19937_64 rng_;
};

}  // namespace intake::transfer
