#include "signing/verify_report.h"

namespace intake::signing {

std::string Finding::ToString() const {
  std::string out = file.empty() ? problem : file + ": " + problem;
  if (!expected.empty() || !found.empty()) {
    out += " (expected " + (expected.empty() ? std::string("-") : expected) + ", found " +
           (found.empty() ? std::string("-") : found) + ")";
  }
  return out;
}

bool VerifyReport::HasErrorOfKind(Finding::Kind kind) const {
  for (const Finding& f : errors) {
    if (f.kind == kind) return true;
  }
  return false;
}

}  // namespace intake::signing
