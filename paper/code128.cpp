#include "paper/code128.h"

#include <numeric>

namespace intake::paper {
namespace {

// Bar/space widths of the symbol values 0..105 (six elements, 11 modules each), ISO/IEC 15417
// table 1; then the stop pattern (seven elements, 13 modules).
constexpr const char* kPatterns[] = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232"};
constexpr const char* kStop = "2331112";
constexpr int kStartB = 104;

void Append(const char* pattern, std::vector<int>* widths) {
  for (const char* p = pattern; *p; ++p) widths->push_back(*p - '0');
}

}  // namespace

Result<std::vector<int>> EncodeCode128(std::string_view text) {
  if (text.empty()) return InvalidArgument("Code 128: nothing to encode");
  std::vector<int> widths;
  Append(kPatterns[kStartB], &widths);
  int checksum = kStartB;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 32 || c > 126) {
      return InvalidArgument("Code 128 set B cannot encode byte " + std::to_string(c));
    }
    int value = c - 32;
    checksum += static_cast<int>(i + 1) * value;
    Append(kPatterns[value], &widths);
  }
  Append(kPatterns[checksum % 103], &widths);
  Append(kStop, &widths);
  return widths;
}

int Code128Modules(const std::vector<int>& widths) {
  return std::accumulate(widths.begin(), widths.end(), 0);
}

}  // namespace intake::paper
