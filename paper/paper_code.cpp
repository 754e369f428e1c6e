#include "paper/paper_code.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>

#include "paper/paper_types.h"

namespace intake::paper {
namespace {

std::string Check(std::string_view body) {
  // crypto_hash_sha256 needs no initialised state; sodium_init only picks faster code paths.
  static const bool initialised = sodium_init() >= 0;
  (void)initialised;
  std::string input = "intake-paper-code|" + std::string(body);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string JoinNumbers(const std::vector<int>& numbers) {
  std::string out;
  for (int n : numbers) {
    if (!out.empty()) out += '.';
    out += std::to_string(n);
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos
                                                                  : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

bool ParseNumbers(std::string_view s, std::vector<int>* out) {
  for (auto part : Split(s, '.')) {
    int n = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (ec != std::errc() || p != part.data() + part.size() || n < 1 || n > 999 ||
        part[0] == '0') {
      return false;
    }
    out->push_back(n);
  }
  return !out->empty();
}

bool ParseCaseItems(std::string_view s, CaseItems* out) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  out->case_id = std::string(s.substr(0, slash));
  return IsValidCaseId(out->case_id) && ParseNumbers(s.substr(slash + 1), &out->item_numbers);
}

}  // namespace

bool SplitItemId(std::string_view item_id, std::string* case_id, int* number) {
  if (!IsValidItemId(item_id)) return false;
  size_t dash = item_id.rfind('-');
  *case_id = std::string(item_id.substr(0, dash));
  std::from_chars(item_id.data() + dash + 1, item_id.data() + item_id.size(), *number);
  return true;
}

std::string EncodeCoverCode(const CaseItems& items) {
  std::string body = "IC1:" + items.case_id + ":" + JoinNumbers(items.item_numbers);
  return body + ":" + Check(body);
}

Result<std::string> EncodeRegisterCode(const std::string& register_id,
                                       const std::string& back_office,
                                       const std::vector<CaseItems>& cases) {
  if (back_office.empty() || back_office.find_first_of(":+/") != std::string::npos) {
    return InvalidArgument("back office id '" + back_office + "' must not contain : + /");
  }
  std::string list;
  for (const auto& c : cases) {
    if (!list.empty()) list += '+';
    list += c.case_id + "/" + JoinNumbers(c.item_numbers);
  }
  std::string body = "IR1:" + register_id + ":" + back_office + ":" + list;
  return body + ":" + Check(body);
}

Result<PaperCode> ParsePaperCode(std::string_view text) {
  if (text.substr(0, 4) != "IC1:" && text.substr(0, 4) != "IR1:") {
    return NotFound("not an intake paper code");
  }
  size_t last = text.rfind(':');
  std::string_view body = text.substr(0, last);
  if (text.size() - last - 1 != 8 || Check(body) != text.substr(last + 1)) {
    return Corrupt("code check failed: damaged or altered code, treat as unreadable");
  }
  auto fields = Split(body, ':');
  PaperCode code;
  if (fields[0] == "IC1" && fields.size() == 3) {
    code.kind = PaperCode::Kind::kCoverSheet;
    code.id = std::string(fields[1]);
    CaseItems items{code.id, {}};
    if (!IsValidCaseId(code.id) || !ParseNumbers(fields[2], &items.item_numbers)) {
      return Corrupt("cover sheet code with a valid check but malformed content");
    }
    code.cases.push_back(std::move(items));
    return code;
  }
  if (fields[0] == "IR1" && fields.size() == 4) {
    code.kind = PaperCode::Kind::kRegister;
    code.id = std::string(fields[1]);
    code.back_office = std::string(fields[2]);
    if (!IsValidRegisterId(code.id) || code.back_office.empty()) {
      return Corrupt("register code with a valid check but malformed content");
    }
    for (auto part : Split(fields[3], '+')) {
      CaseItems items;
      if (!ParseCaseItems(part, &items)) {
        return Corrupt("register code with a valid check but a malformed case list");
      }
      code.cases.push_back(std::move(items));
    }
    return code;
  }
  return Corrupt("intake paper code with an unknown layout");
}

}  // namespace intake::paper
