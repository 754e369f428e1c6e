// libFuzzer target: BagIt payload/tag manifests and fetch.txt, and the path check applied to
// every path they name. Invariant: a path that passes CheckBagPath never climbs out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "signing/bag_path.h"
#include "signing/tag_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace intake::signing;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (size_t hex : {32u, 128u}) {
    auto entries = ParseManifest(text, hex, /*percent_decode=*/true);
    if (!entries.ok()) continue;
    for (const ManifestEntry& e : *entries) {
      if (e.checksum.size() != hex || e.path.empty()) std::abort();
      if (CheckBagPath(e.path).ok() &&
          (e.path.front() == '/' || e.path == ".." || e.path.rfind("../", 0) == 0 ||
           e.path.find("/../") != std::string::npos)) {
        std::abort();
      }
      if (DecodeManifestPath(EncodeManifestPath(e.path)) != e.path) std::abort();
    }
  }
  auto fetch = ParseFetch(text, true);
  if (fetch.ok()) {
    for (const FetchEntry& e : *fetch) (void)CheckBagPath(e.path);
  }
  return 0;
}
