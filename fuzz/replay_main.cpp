// Replays files through LLVMFuzzerTestOneInput when libFuzzer is not available (g++ builds,
// CI): every regular file under each argument (file or directory, recursively). A crash or
// abort fails the ctest; the exit code is 0 otherwise. Prints how many inputs ran.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

static void RunFile(const fs::path& path, size_t* count) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  // Every prefix of small inputs as well: truncation is the commonest real-world damage.
  if (bytes.size() <= 4096) {
    for (size_t n = 0; n < bytes.size(); n += 1 + bytes.size() / 64) {
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), n);
    }
  }
  ++*count;
}

int main(int argc, char** argv) {
  size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    const fs::path arg = argv[i];
    if (fs::is_regular_file(arg, ec)) {
      RunFile(arg, &count);
      continue;
    }
    for (fs::recursive_directory_iterator it(arg, ec), end; it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) RunFile(it->path(), &count);
    }
  }
  std::printf("replayed %zu inputs\n", count);
  return count > 0 ? 0 : 1;
}
