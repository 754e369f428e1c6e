#include "tests/signing/signing_test_util.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

namespace intake::signing::testing {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Spit(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

void FlipBit(const fs::path& path, long offset) {
  std::string data = Slurp(path);
  ASSERT_FALSE(data.empty());
  size_t at = offset >= 0 ? size_t(offset) : data.size() - size_t(-offset);
  ASSERT_LT(at, data.size());
  data[at] = static_cast<char>(data[at] ^ 0x10);
  Spit(path, data);
}

void MakeCaseFolder(const fs::path& dir, const std::string& case_id) {
  std::mt19937 rng(42);
  auto random_bytes = [&](size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  };
  Spit(dir / "case.json",
       "{\"case_id\": \"" + case_id +
           "\", \"service\": \"low_income_family_assistance\", \"back_office\": "
           "\"uszn-district-1\", \"workstation\": \"WS01\", \"applicant\": {\"surname\": "
           "\"Шевченко\"}, \"documents\": [], \"paper_items\": []}\n");
  Spit(dir / "pages/0001.png", random_bytes(300 * 1024));
  Spit(dir / "pages/0001.json", "{\"dpi\": 300}\n");
  Spit(dir / "pages/0002.png", random_bytes(5000));
  Spit(dir / "ocr/0001.txt", "ЗАЯВА про призначення допомоги\n");
  Spit(dir / "ocr/0002.txt", "");  // a blank page has empty text
  Spit(dir / "documents/d1.pdf", "%PDF-1.7\n" + random_bytes(20000));
  Spit(dir / "brought/довідка з КЕП.pdf", "%PDF-1.4 signed\n" + random_bytes(7000));
}

}  // namespace intake::signing::testing
