// Staff pages: static HTML, no script (the view only reads), inline style only (the CSP the
// staff view sends allows nothing else). Strings are built by appending; each value goes
// through HtmlEscape or PercentEncode exactly once, where it is put in.
#include "transfer/staff_page.h"

#include <algorithm>

#include "core/html_escape.h"

namespace intake::transfer {

namespace {

const char kHead[] = R"HTML(<!doctype html>
<html lang="uk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)HTML";

const char kStyle[] = R"HTML(</title>
<style>
body{font-family:"DejaVu Sans",sans-serif;margin:0;background:#f3f5f7;color:#1b1f23;font-size:17px}
header{background:#1f4e79;color:#fff;padding:12px 22px;font-size:21px}
header a{color:#fff}
main{padding:16px 22px}
section{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 3px #0002;margin-bottom:16px}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}
th{background:#eef2f6} code{font-size:15px} .muted{color:#667} .ok{color:#2e7d32} .bad{color:#b71c1c}
</style></head><body>
)HTML";

const char kTail[] = "</main></body></html>\n";

std::string Or(std::string_view text) {
  return text.empty() ? std::string("—") : HtmlEscape(text);
}

std::string HashPrefix(std::string_view hash) {
  std::string_view hex = hash;
  if (hex.rfind("sha256:", 0) == 0) hex.remove_prefix(7);
  if (hex.size() > 12) hex = hex.substr(0, 12);
  return std::string(hex);
}

std::string CaseLink(std::string_view case_id) {
  return "/staff/cases/" + PercentEncode(case_id, false);
}

std::string SizeText(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " Б";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " КіБ";
  int64_t tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " МіБ";
}

std::string ReceiptText(const StaffCaseSummary& c) {
  if (!c.receipt_issued) return "<span class=\"bad\">немає</span>";
  std::string text = "<span class=\"ok\">видано</span>";
  if (!c.receipt_status.empty() && c.receipt_status != "filed")
    text += " (" + HtmlEscape(c.receipt_status) + ")";
  return text;
}

std::string PaperText(const StaffCaseSummary& c) {
  if (c.paper_status.empty()) return "<span class=\"muted\">не надходили</span>";
  return HtmlEscape(c.paper_status);
}

// The links to the newer and older pages of the case list ("" when there are neither).
std::string NavLinks(const StaffListNav& nav) {
  if (nav.newer_cursor.empty() && nav.older_cursor.empty()) return "";
  std::string html = "<p class=\"pages\">";
  if (!nav.newer_cursor.empty()) {
    html += "<a rel=\"prev\" href=\"/staff/?after=" + PercentEncode(nav.newer_cursor, false) +
            "\">← Новіші справи</a> · <a href=\"/staff/\">До найновіших</a>";
  }
  if (!nav.older_cursor.empty()) {
    if (!nav.newer_cursor.empty()) html += " · ";
    html += "<a rel=\"next\" href=\"/staff/?before=" + PercentEncode(nav.older_cursor, false) +
            "\">Старіші справи →</a>";
  }
  return html + "</p>\n";
}

std::string Page(std::string_view title, std::string_view header_html) {
  std::string page = kHead;
  page += HtmlEscape(title);
  page += kStyle;
  page += "<header>";
  page += header_html;
  page += "</header>\n<main>\n";
  return page;
}

}  // namespace

std::string PercentEncode(std::string_view text, bool keep_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string StaffCaseListHtml(const std::vector<StaffCaseSummary>& cases,
                              std::string_view back_office, bool paper_form,
                              const StaffListNav& nav) {
  std::string page = Page("Отримані справи", "Отримані справи — " + Or(back_office));
  if (paper_form)
    page += "<section><a href=\"/staff/paper\">Прийняти паперові оригінали (реєстр передачі)</a>"
            "</section>\n";
  page += "<section>\n";
  const std::string links = NavLinks(nav);
  if (cases.empty()) {
    page += nav.total == 0 ? "<p class=\"muted\">Ще не отримано жодної справи.</p>\n"
                           : "<p class=\"muted\">Тут справ немає.</p>\n" + links +
                                 "<p><a href=\"/staff/\">До найновіших справ</a></p>\n";
    return page + "</section>\n" + kTail;
  }
  const size_t total = std::max(nav.total, cases.size());
  if (total > cases.size()) {
    const size_t first = std::max<size_t>(nav.first_position, 1);
    page += "<p>Справи " + std::to_string(first) + "–" + std::to_string(first + cases.size() - 1) +
            " з " + std::to_string(total) + " (найновіші першими)</p>\n";
  } else {
    page += "<p>Усього справ: " + std::to_string(total) + "</p>\n";
  }
  page += links;
  page += "<table><thead><tr><th>Номер справи</th><th>Робоче місце</th><th>Отримано (UTC)</th>"
          "<th>Пакет (SHA-256)</th><th>Квитанція</th>";
  if (paper_form) page += "<th>Паперові оригінали</th>";
  page += "</tr></thead><tbody>\n";
  for (const auto& c : cases) {
    page += "<tr><td><a href=\"" + CaseLink(c.case_id) + "\">" + HtmlEscape(c.case_id) +
            "</a></td><td>" + Or(c.workstation) + "</td><td>" + Or(c.received_at) +
            "</td><td><code>" + Or(HashPrefix(c.package_hash)) + "</code></td><td>" +
            ReceiptText(c) + "</td>";
    if (paper_form) page += "<td>" + PaperText(c) + "</td>";
    page += "</tr>\n";
  }
  page += "</tbody></table>\n" + links + "</section>\n";
  return page + kTail;
}

std::string StaffCasePageHtml(const StaffCaseSummary& c, const std::vector<StaffFileEntry>& files) {
  std::string page = Page("Справа " + c.case_id, "<a href=\"/staff/\">Отримані справи</a> → "
                                                      "справа " + HtmlEscape(c.case_id));
  page += "<section>\n<table><tbody>\n";
  page += "<tr><th>Номер справи</th><td>" + HtmlEscape(c.case_id) + "</td></tr>\n";
  page += "<tr><th>Робоче місце</th><td>" + Or(c.workstation) + "</td></tr>\n";
  page += "<tr><th>Отримано (UTC)</th><td>" + Or(c.received_at) + "</td></tr>\n";
  page += "<tr><th>Пакет (SHA-256)</th><td><code>" + Or(c.package_hash) + "</code></td></tr>\n";
  page += "<tr><th>Квитанція</th><td>" + ReceiptText(c) + "</td></tr>\n";
  if (!c.paper_status.empty())
    page += "<tr><th>Паперові оригінали</th><td>" + HtmlEscape(c.paper_status) + "</td></tr>\n";
  page += "</tbody></table>\n</section>\n<section>\n<h2>Файли справи</h2>\n";
  if (files.empty()) {
    page += "<p class=\"muted\">Файлів немає.</p>\n";
  } else {
    page += "<table><thead><tr><th>Файл</th><th>Розмір</th></tr></thead><tbody>\n";
    for (const auto& f : files) {
      page += "<tr><td><a href=\"" + CaseLink(c.case_id) + "/files/" + PercentEncode(f.path, true) +
              "\">" + HtmlEscape(f.path) + "</a></td><td>" + SizeText(f.size) + "</td></tr>\n";
    }
    page += "</tbody></table>\n";
  }
  page += "<p class=\"muted\">package.bin — зашифрований пакет у тому вигляді, як його отримано; "
          "receipt.txt — підписана квитанція.</p>\n</section>\n";
  return page + kTail;
}

std::string StaffPaperFormHtml(std::string_view token, std::string_view report, bool failed) {
  std::string page = Page("Паперові оригінали", "<a href=\"/staff/\">Отримані справи</a> → "
                                                 "паперові оригінали");
  if (!report.empty()) {
    page += std::string("<section><h2 class=\"") + (failed ? "bad" : "ok") + "\">" +
            (failed ? "Не прийнято" : "Прийнято") + "</h2><pre>" + HtmlEscape(report) +
            "</pre></section>\n";
  }
  page += "<section>\n<h2>Прийняти реєстр передачі</h2>\n"
          "<form method=\"post\" action=\"/staff/paper\">\n"
          "<input type=\"hidden\" name=\"token\" value=\"" + HtmlEscape(token) + "\">\n"
          "<p><label>Номер реєстру та номери справ з титульних аркушів (кожен з нового рядка):"
          "<br><textarea name=\"typed\" rows=\"8\" cols=\"40\" required></textarea></label></p>\n"
          "<p><label>Ваш ідентифікатор працівника: <input name=\"clerk\" required></label></p>\n"
          "<p><button type=\"submit\">Записати отримання</button></p>\n</form>\n"
          "<p class=\"muted\">Відскановані сторінки приймає команда intake paper receive.</p>\n"
          "</section>\n";
  return page + kTail;
}

std::string StaffMessageHtml(std::string_view title, std::string_view message) {
  std::string page = Page(title, "<a href=\"/staff/\">Отримані справи</a>");
  page += "<section>\n<h2>" + HtmlEscape(title) + "</h2>\n<p>" + HtmlEscape(message) +
          "</p>\n</section>\n";
  return page + kTail;
}

}  // namespace intake::transfer
