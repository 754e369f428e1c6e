// libFuzzer target: the clear-text header of an encrypted package, and the bag stream parser
// that unpacks decrypted packages (fed the same bytes after the header, into a scratch
// directory). Invariant: nothing is ever written outside the scratch directory.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <span>

#include "signing/bag_stream.h"
#include "signing/package_header.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace intake::signing;
  const std::span<const uint8_t> bytes(data, size);
  auto needed = PackageHeaderSize(bytes.first(std::min(size, kPackageFixedPrefix)));
  if (needed.ok() && *needed <= size) {
    auto header = ParsePackageHeader(bytes.first(*needed));
    if (header.ok()) {
      PackageHeader copy = *header;
      if (EncodePackageHeader(copy) != header->raw) std::abort();
    }
  }
  static const fs::path scratch = [] {
    fs::path p = fs::temp_directory_path() / ("intake-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(p);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("intake-fuzz-" + std::to_string(::getpid())), ec);
    });
    return p;
  }();
  const fs::path out = scratch / "bag";
  fs::create_directories(out);
  BagStreamReader reader(out);
  if (reader.Feed(bytes).ok()) (void)reader.Finish();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(scratch, ec)) {
    if (e.path() != out) std::abort();  // something escaped the output directory
  }
  fs::remove_all(out, ec);
  return 0;
}
