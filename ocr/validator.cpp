#include "ocr/validator.h"

#include <cctype>
#include <string>

#include "ocr/lookalike.h"

namespace intake::ocr {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Keeps digits only, after reading look-alike letters as digits; drops spaces, dashes, dots.
std::string DigitsOf(std::string_view value) {
  std::string out;
  for (char c : DigitLookalikes(value)) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

// Removes white space (OCR splits long numbers into groups).
std::string WithoutSpaces(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
  }
  return out;
}

Validation Invalid(std::string reason, std::string canonical = {}) {
  return Validation{false, std::move(canonical), std::move(reason)};
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool SameDate(const Date& a, const Date& b) {
  return a.day == b.day && a.month == b.month && a.year == b.year;
}

bool IsUkrainianLetter(char32_t c) {
  return (c >= U'А' && c <= U'я') || c == U'Є' || c == U'є' || c == U'І' || c == U'і' ||
         c == U'Ї' || c == U'ї' || c == U'Ґ' || c == U'ґ';
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  std::string s = WithoutSpaces(DigitLookalikes(text));
  for (char& c : s) {
    if (c == ',' || c == '/' || c == '-') c = '.';
  }
  if (s.size() != 10 || s[2] != '.' || s[5] != '.') return std::nullopt;
  const std::string day = s.substr(0, 2), month = s.substr(3, 2), year = s.substr(6, 4);
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year)) return std::nullopt;
  Date d{std::stoi(day), std::stoi(month), std::stoi(year)};
  if (d.year < 1900 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

int DaysSince18991231(const Date& date) {
  int days = 0;
  for (int y = 1900; y < date.year; ++y) days += IsLeapYear(y) ? 366 : 365;
  for (int m = 1; m < date.month; ++m) days += DaysInMonth(date.year, m);
  return days + date.day;
}

Date RnokppBirthDate(std::string_view digits) {
  int days = std::stoi(std::string(digits.substr(0, 5)));
  Date d{0, 1, 1900};
  while (days > (IsLeapYear(d.year) ? 366 : 365)) {
    days -= IsLeapYear(d.year) ? 366 : 365;
    ++d.year;
  }
  while (days > DaysInMonth(d.year, d.month)) {
    days -= DaysInMonth(d.year, d.month);
    ++d.month;
  }
  d.day = days;
  return d;
}

bool RnokppIsMale(std::string_view digits) { return (digits[8] - '0') % 2 == 1; }

Validation ValidateRnokpp(std::string_view value, std::optional<Date> birth_date,
                          std::optional<bool> male) {
  const std::string digits = DigitsOf(value);
  if (digits.size() != 10) return Invalid("РНОКПП must have 10 digits", digits);
  static constexpr int kWeights[9] = {-1, 5, 7, 9, 4, 6, 10, 5, 7};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += kWeights[i] * (digits[i] - '0');
  const int check = ((sum % 11) + 11) % 11 % 10;
  if (check != digits[9] - '0') return Invalid("РНОКПП check digit does not match", digits);
  if (digits.substr(0, 5) == "00000") return Invalid("РНОКПП encodes no date of birth", digits);
  if (birth_date && !SameDate(RnokppBirthDate(digits), *birth_date)) {
    return Invalid("РНОКПП date of birth differs from the birth date field", digits);
  }
  if (male && RnokppIsMale(digits) != *male) {
    return Invalid("РНОКПП sex digit differs from the sex shown by the patronymic", digits);
  }
  return Validation{true, digits, {}};
}

Validation ValidateIdCardNumber(std::string_view value) {
  const std::string digits = DigitsOf(value);
  if (digits.size() != 9) return Invalid("ID card number must have 9 digits", digits);
  return Validation{true, digits, {}};
}

Validation ValidateBookletPassport(std::string_view value) {
  const std::u32string s = DecodeUtf8(ToCyrillicLookalikes(WithoutSpaces(value)));
  if (s.size() != 8) return Invalid("booklet passport must be 2 letters and 6 digits");
  std::u32string canonical;
  for (int i = 0; i < 2; ++i) {
    const char32_t c = ToUpperLetter(s[i]);
    if (!IsUkrainianLetter(c)) return Invalid("booklet passport series must be Cyrillic letters");
    canonical.push_back(c);
  }
  const std::string digits = DigitsOf(EncodeUtf8(s.substr(2)));
  if (digits.size() != 6) return Invalid("booklet passport number must have 6 digits");
  return Validation{true, EncodeUtf8(canonical) + digits, {}};
}

// Why no check digit test: DOMAIN.md and the public descriptions we hold give the УНЗР as
// date + serial + check digit but not the checksum algorithm, and none of the usual schemes
// (ICAO 7-3-1, Luhn, mod 11 with the РНОКПП weights) reproduces the check digits of known
// valid numbers. Rejecting valid numbers would be worse than not testing the digit.
Validation ValidateUnzr(std::string_view value, std::optional<Date> birth_date) {
  const std::string digits = DigitsOf(value);
  if (digits.size() != 13) return Invalid("УНЗР must be YYYYMMDD-NNNNC (13 digits)", digits);
  const std::string canonical = digits.substr(0, 8) + "-" + digits.substr(8);
  const std::string date_text =
      digits.substr(6, 2) + "." + digits.substr(4, 2) + "." + digits.substr(0, 4);
  const std::optional<Date> date = ParseDate(date_text);
  if (!date) return Invalid("УНЗР does not start with a real date", canonical);
  if (birth_date && !SameDate(*date, *birth_date)) {
    return Invalid("УНЗР date differs from the birth date field", canonical);
  }
  return Validation{true, canonical, {}};
}

Validation ValidateDate(std::string_view value) {
  const std::optional<Date> d = ParseDate(value);
  if (!d) return Invalid("not a real date in the form DD.MM.YYYY");
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d->day, d->month, d->year);
  return Validation{true, buf, {}};
}

Validation ValidateIban(std::string_view value) {
  std::string s = ToLatinLookalikes(WithoutSpaces(value));
  // Cyrillic У is read for the Latin U of "UA" (its Latin twin is Y, which no IBAN starts with).
  if (!s.empty() && (s[0] == 'Y' || s[0] == 'y')) s[0] = 'U';
  std::string canonical;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i < 2) {
      canonical.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    } else {
      canonical += DigitLookalikes(std::string(1, c));
    }
  }
  if (canonical.size() != 29) return Invalid("Ukrainian IBAN must have 29 characters", canonical);
  if (canonical.substr(0, 2) != "UA") return Invalid("IBAN must start with UA", canonical);
  if (!AllDigits(canonical.substr(2))) return Invalid("IBAN must be UA and 27 digits", canonical);
  // ISO 13616: move the first four characters to the end, letters as 10..35, mod 97 == 1.
  const std::string rearranged = canonical.substr(4) + "3010" + canonical.substr(2, 2);
  int remainder = 0;
  for (char c : rearranged) remainder = (remainder * 10 + (c - '0')) % 97;
  if (remainder != 1) return Invalid("IBAN check digits do not match (mod 97)", canonical);
  return Validation{true, canonical, {}};
}

Validation ValidatePhone(std::string_view value) {
  std::string digits = DigitsOf(value);
  if (digits.size() == 10 && digits[0] == '0') digits = "38" + digits;  // 0XX XXX XX XX
  if (digits.size() != 12 || digits.substr(0, 3) != "380") {
    return Invalid("phone must be +380 and 9 digits", "+" + digits);
  }
  return Validation{true, "+" + digits, {}};
}

Validation ValidatePersonName(std::string_view value) {
  const std::string folded = NormalizeApostrophes(ToCyrillicLookalikes(value));
  const std::u32string s = DecodeUtf8(folded);
  int letters = 0;
  for (char32_t c : s) {
    if (IsUkrainianLetter(c)) {
      ++letters;
    } else if (c != U'\'' && c != U'-' && c != U' ') {
      return Invalid("name holds characters other than Ukrainian letters, apostrophe, hyphen");
    }
  }
  if (letters < 2) return Invalid("name is too short");
  if (!IsUkrainianLetter(s[0]) || ToUpperLetter(s[0]) != s[0]) {
    return Invalid("name must start with a capital letter");
  }
  // A capital letter starts each part of a name (after a space, hyphen or apostrophe:
  // "Квітка-Основ'яненко", "Д'Артаньян") and nowhere else. OCR that splits one wide capital
  // into two letters ("І" read as "ТГ") leaves a capital inside the word: refuse it so the
  // operator checks the name rather than accepting a plausible-looking misreading.
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char32_t prev = s[i - 1];
    const bool part_start = prev == U' ' || prev == U'-' || prev == U'\'';
    if (!part_start && IsUkrainianLetter(s[i]) && ToUpperLetter(s[i]) == s[i]) {
      return Invalid("name has a capital letter inside a word (a misread letter?)");
    }
  }
  return Validation{true, folded, {}};
}

Validation ValidateAddress(std::string_view value) {
  const std::string folded = FoldForMatching(value);
  static constexpr std::string_view kSettlement[] = {"м ", "с ", "смт ", "сел ", "місто ",
                                                     "село "};
  static constexpr std::string_view kStreet[] = {"вул", "просп", "пров", "бульв", "пл ",
                                                 "буд", "майдан", "шосе"};
  bool settlement = false, street = false, number = false;
  const std::string padded = folded + " ";
  for (auto mark : kSettlement) {
    if (padded.rfind(mark, 0) == 0 || padded.find(" " + std::string(mark)) != std::string::npos) {
      settlement = true;
    }
  }
  for (auto mark : kStreet) {
    if (padded.find(mark) != std::string::npos) street = true;
  }
  for (char c : folded) {
    if (c >= '0' && c <= '9') number = true;
  }
  if (!settlement) return Invalid("address has no settlement (м., с., смт)");
  if (!street || !number) return Invalid("address has no street and house number");
  return Validation{true, NormalizeApostrophes(value), {}};
}

std::optional<bool> MaleFromPatronymic(std::string_view patronymic) {
  const std::string p = FoldForMatching(patronymic);
  if (EndsWith(p, "ович") || EndsWith(p, "евич") || EndsWith(p, "йович") || EndsWith(p, "іч")) {
    return true;
  }
  if (EndsWith(p, "івна") || EndsWith(p, "ївна") || EndsWith(p, "овна")) return false;
  return std::nullopt;
}

}  // namespace intake::ocr
