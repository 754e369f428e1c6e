#include "paper/paper_time.h"

#include <cstdio>

namespace intake::paper {
namespace {

bool ParseFixed(std::string_view text, size_t pos, size_t len, int* out) {
  if (pos + len > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

Result<Date> MakeDate(int y, int m, int d, std::string_view text) {
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(m)),
                                  std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return InvalidArgument("not a calendar date: '" + std::string(text) + "'");
  return Date(ymd);
}

}  // namespace

std::string FormatInstant(Instant t) {
  Date day = DayOf(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

Result<Instant> ParseInstant(std::string_view text) {
  int y, mo, d, h, mi, s;
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z' || !ParseFixed(text, 0, 4, &y) ||
      !ParseFixed(text, 5, 2, &mo) || !ParseFixed(text, 8, 2, &d) ||
      !ParseFixed(text, 11, 2, &h) || !ParseFixed(text, 14, 2, &mi) ||
      !ParseFixed(text, 17, 2, &s) || h > 23 || mi > 59 || s > 59) {
    return InvalidArgument("not a UTC time YYYY-MM-DDTHH:MM:SSZ: '" + std::string(text) + "'");
  }
  INTAKE_ASSIGN_OR_RETURN(Date day, MakeDate(y, mo, d, text));
  return Instant(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

std::string FormatDate(Date d) {
  std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::string FormatDateUa(Date d) {
  std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(ymd.day()), unsigned(ymd.month()),
                int(ymd.year()));
  return buf;
}

Result<Date> ParseDate(std::string_view text) {
  int y, m, d;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && ParseFixed(text, 0, 4, &y) &&
      ParseFixed(text, 5, 2, &m) && ParseFixed(text, 8, 2, &d)) {
    return MakeDate(y, m, d, text);
  }
  if (text.size() == 10 && text[2] == '.' && text[5] == '.' && ParseFixed(text, 0, 2, &d) &&
      ParseFixed(text, 3, 2, &m) && ParseFixed(text, 6, 4, &y)) {
    return MakeDate(y, m, d, text);
  }
  return InvalidArgument("not a date YYYY-MM-DD or DD.MM.YYYY: '" + std::string(text) + "'");
}

Instant Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace intake::paper
