#include "bench/signing/bench_case.h"

#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace intake::bench {

namespace fs = std::filesystem;

namespace {
uint64_t Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
  return bytes.size();
}
std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace

uint64_t WriteBenchCase(const fs::path& dir, int pages, const fs::path& corpus_dev) {
  std::vector<std::string> scans;
  for (int i = 0; i < 12; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "page%03d.jpg", i);
    if (fs::exists(corpus_dev / name)) scans.push_back(Read(corpus_dev / name));
  }
  std::mt19937_64 rng(7);
  auto random_bytes = [&](size_t n) {
    std::string s(n, '\0');
    for (size_t i = 0; i + 8 <= n; i += 8) {
      uint64_t v = rng();
      std::memcpy(&s[i], &v, 8);
    }
    return s;
  };
  if (scans.empty()) scans.push_back(random_bytes(1700000));  // corpus missing: same size
  uint64_t total = Write(dir / "case.json",
                         "{\"case_id\": \"20261123-WS01-0001\", \"service\": "
                         "\"low_income_family_assistance\", \"workstation\": \"WS01\"}\n");
  std::string document;
  for (int p = 1; p <= pages; ++p) {
    char n[16];
    std::snprintf(n, sizeof n, "%04d", p);
    total += Write(dir / "pages" / (std::string(n) + ".jpg"), scans[(p - 1) % scans.size()]);
    total += Write(dir / "pages" / (std::string(n) + ".json"), "{\"dpi\": 300, \"width\": 2480}\n");
    const std::string cleaned = random_bytes(80 * 1024);
    total += Write(dir / "ocr" / (std::string(n) + ".tif"), cleaned);
    total += Write(dir / "ocr" / (std::string(n) + ".txt"), std::string(3000, 'x'));
    total += Write(dir / "ocr" / (std::string(n) + ".hocr"), std::string(40000, 'h'));
    total += Write(dir / "ocr" / (std::string(n) + ".json"), "{\"blank\": false}\n");
    document += cleaned;
    if (p % 10 == 0 || p == pages) {
      total += Write(dir / "documents" / ("d" + std::to_string((p + 9) / 10) + ".pdf"), document);
      document.clear();
    }
  }
  total += Write(dir / "brought/signed.pdf", random_bytes(300 * 1024));
  return total;
}

}  // namespace intake::bench
