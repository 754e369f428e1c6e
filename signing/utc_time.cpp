#include "signing/utc_time.h"

#include <ctime>

namespace intake::signing {

namespace {
std::string Format(Clock::time_point t, const char* pattern) {
  std::time_t secs = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}
}  // namespace

std::string FormatUtc(Clock::time_point t) { return Format(t, "%Y-%m-%dT%H:%M:%SZ"); }
std::string FormatDate(Clock::time_point t) { return Format(t, "%Y-%m-%d"); }
std::string FormatCompactUtc(Clock::time_point t) { return Format(t, "%Y%m%dT%H%M%SZ"); }

}  // namespace intake::signing
