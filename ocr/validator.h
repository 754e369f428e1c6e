// Validators of the identifiers and values read from Ukrainian forms and ID documents
// (../shared/DOMAIN.md). Each takes the value as read (look-alikes and apostrophes are folded
// here, never in the stored text) and says whether it is valid, why not, and its canonical
// form.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intake::ocr {

struct Validation {
  bool valid = false;
  std::string canonical;  // the value in its canonical form (digits only, Latin IBAN...)
  std::string reason;     // empty when valid; English, never repeats the value
};

struct Date {
  int day = 0, month = 0, year = 0;
};

std::optional<Date> ParseDate(std::string_view ddmmyyyy);  // DD.MM.YYYY, a real calendar date
int DaysSince18991231(const Date& date);                 // 01.01.1900 -> 1

// РНОКПП: 10 digits, check digit from weights −1 5 7 9 4 6 10 5 7, digits 1–5 = date of birth
// as days since 31.12.1899, digit 9 odd = male. `birth_date` (DD.MM.YYYY) and `male` are
// cross-checked when given.
Validation ValidateRnokpp(std::string_view value, std::optional<Date> birth_date = std::nullopt,
                          std::optional<bool> male = std::nullopt);
Date RnokppBirthDate(std::string_view ten_digits);  // REQUIRES: 10 digits
bool RnokppIsMale(std::string_view ten_digits);    // REQUIRES: 10 digits

Validation ValidateIdCardNumber(std::string_view value);   // 9 digits
Validation ValidateBookletPassport(std::string_view value); // 2 Cyrillic capitals + 6 digits
// УНЗР: YYYYMMDD-NNNNC (13 digits); the date must be a real date of birth and match
// `birth_date` when given. The check digit C is not verified (see validator.cpp).
Validation ValidateUnzr(std::string_view value, std::optional<Date> birth_date = std::nullopt);
Validation ValidateDate(std::string_view value);      // DD.MM.YYYY, 1900..2100
Validation ValidateIban(std::string_view value);      // UA + 27, ISO 13616 mod 97 == 1
Validation ValidatePhone(std::string_view value);     // +380 and 9 digits
Validation ValidatePersonName(std::string_view value); // Ukrainian letters, apostrophe, hyphen
Validation ValidateAddress(std::string_view value);   // a settlement mark and a street/house

// Guesses sex from a Ukrainian patronymic (-ович/-йович male, -івна/-ївна/-овна female).
std::optional<bool> MaleFromPatronymic(std::string_view patronymic);

}  // namespace intake::ocr
