// The staff view's routing and checks; the HTML is in staff_page.cpp. Files are read whole
// (cases are a few to tens of MB) and served from memory.
#include "transfer/staff_view.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <system_error>
#include <vector>

#include "core/case_record.h"
#include "core/file_util.h"
#include "core/request_token.h"
#include "signing/receipt.h"
#include "transfer/staff_form.h"

namespace intake::transfer {

namespace fs = std::filesystem;

namespace {

void AddCommonHeaders(HttpReply& reply) {
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("X-Frame-Options", "DENY");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
}

HttpReply HtmlReply(int status, std::string body) {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  reply.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                             "form-action 'self'");
  AddCommonHeaders(reply);
  return reply;
}

HttpReply Refusal(int status, std::string_view title, std::string_view message) {
  return HtmlReply(status, StaffMessageHtml(title, message));
}

bool IsLoopback(const std::string& ip) { return ip.rfind("127.", 0) == 0; }

// A relative '/'-separated path with no empty, "." or ".." segment and nothing a filesystem
// could read as another path (backslash, NUL).
bool IsPlainRelativePath(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view segment(path.data() + start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return path.find('\\') == std::string::npos && path.find('\0') == std::string::npos;
}

std::string Extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

std::string StaffContentType(const std::string& relative_path) {
  const std::string ext = Extension(relative_path);
  if (ext == "pdf") return "application/pdf";
  if (ext == "txt" || ext == "json" || ext == "xml" || ext == "csv" || ext == "sig")
    return "text/plain; charset=utf-8";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "tif" || ext == "tiff") return "image/tiff";
  return "application/octet-stream";
}

StaffView::StaffView(const CaseFiler& filer, std::function<uint16_t()> port, std::string back_office,
                     StaffPaperDesk paper_desk, std::string token, size_t page_size)
    : filer_(filer), port_(std::move(port)), back_office_(std::move(back_office)),
      paper_desk_(std::move(paper_desk)), token_(std::move(token)),
      page_size_(std::max<size_t>(page_size, 1)),
      index_(std::make_unique<StaffCaseIndex>(
          filer.inbox(), [this](const std::string& id) { return Summary(id); })) {}

bool StaffView::HostIsUs(const std::string& host) const {
  const std::string port = std::to_string(port_());
  return host == "127.0.0.1:" + port || host == "localhost:" + port;
}

std::unique_ptr<RequestHandler> StaffView::Route(HttpRequestHead head) const {
  return BufferedHandler(
      std::move(head),
      [this](const HttpRequestHead& h, const std::string& body) { return Handle(h, body); },
      16 * 1024);
}

HttpReply StaffView::Handle(const HttpRequestHead& head, const std::string& body) const {
  // The client address first: a request from the network learns nothing, not even which
  // paths exist.
  if (!IsLoopback(head.remote_ip))
    return Refusal(403, "Доступ заборонено",
                   "Справи можна переглядати лише на комп'ютері, де працює приймач.");
  if (!HostIsUs(head.Header("host")))
    return Refusal(400, "Неправильна адреса",
                   "Відкрийте http://127.0.0.1:" + std::to_string(port_()) + "/staff/");
  if (head.path == "/staff/paper" && paper_desk_) {
    if (head.method == "POST") return PaperPost(head, body);
    if (head.method == "GET" || head.method == "HEAD") return PaperForm();
  }
  if (head.method != "GET" && head.method != "HEAD")
    return Refusal(405, "Непідтримуваний запит", "Ця сторінка лише для перегляду.");
  if (head.path == "/staff" || head.path == "/staff/") return CaseList(head.query);
  const std::string cases = "/staff/cases/";
  if (head.path.rfind(cases, 0) != 0)
    return Refusal(404, "Сторінку не знайдено", "Поверніться до списку справ.");
  const std::string rest = head.path.substr(cases.size());
  const size_t slash = rest.find('/');
  const std::string case_id = rest.substr(0, slash);
  if (!IsSafeCaseId(case_id))
    return Refusal(400, "Неправильний номер справи", "Поверніться до списку справ.");
  if (slash == std::string::npos) return CasePage(case_id);
  const std::string files = "files/";
  if (rest.compare(slash + 1, files.size(), files) != 0)
    return Refusal(404, "Сторінку не знайдено", "Поверніться до сторінки справи.");
  const std::string relative = rest.substr(slash + 1 + files.size());
  if (!IsPlainRelativePath(relative))
    return Refusal(400, "Неправильна назва файлу", "Відкрийте файл зі сторінки справи.");
  return CaseFile(case_id, relative);
}

Result<StaffCaseSummary> StaffView::Summary(const std::string& case_id) const {
  INTAKE_ASSIGN_OR_RETURN(auto blob, filer_.Find(case_id));
  if (!blob) return NotFound("case " + case_id + " was not filed here");
  StaffCaseSummary summary;
  summary.case_id = case_id;
  summary.receipt_issued = true;
  auto receipt = signing::ParseReceipt(*blob);
  if (receipt.ok()) {
    summary.received_at = receipt->received_at;
    summary.package_hash = receipt->package_hash;
    summary.receipt_status = receipt->status;
  } else {
    summary.receipt_status = "пошкоджена";
  }
  const fs::path bag = filer_.inbox() / case_id / "bag";
  for (const fs::path& candidate : {bag / "data" / "case.json", bag / "case.json"}) {
    auto text = ReadFile(candidate);
    if (!text.ok()) continue;
    auto record = ParseCaseRecord(*text);
    if (record.ok()) summary.workstation = record->workstation;
    break;
  }
  return summary;
}

// One page of the list: the cursor from the query, the page from the index, and the paper
// status of the cases on that page only.
HttpReply StaffView::CaseList(const std::map<std::string, std::string>& query) const {
  std::optional<StaffListCursor> before, after;
  for (const auto& [name, value] : query) {
    if (name != "before" && name != "after")
      return Refusal(400, "Неправильне посилання",
                     "Сторінка списку не знає параметра «" + name +
                         "». Відкрийте список справ заново: http://127.0.0.1:" +
                         std::to_string(port_()) + "/staff/");
    auto cursor = ParseStaffCursor(value);
    if (!cursor.ok())
      return Refusal(400, "Неправильне посилання на сторінку",
                     "Посилання на сторінку списку пошкоджене (" + cursor.status().message() +
                         "). Відкрийте список справ заново і переходьте кнопками «Новіші» / "
                         "«Старіші».");
    (name == "before" ? before : after) = std::move(*cursor);
  }
  auto page = index_->Page(before, after, page_size_);
  if (!page.ok())
    return Refusal(400, "Неправильне посилання на сторінку",
                   "Посилання має лише один з параметрів before або after. Відкрийте список "
                   "справ заново.");
  std::vector<StaffCaseSummary>& rows = page->cases;
  if (paper_desk_.paper_status) {
    std::vector<std::string> workstations;
    for (const auto& row : rows) {
      if (!row.workstation.empty() &&
          std::find(workstations.begin(), workstations.end(), row.workstation) == workstations.end())
        workstations.push_back(row.workstation);
    }
    auto paper = paper_desk_.paper_status(workstations);
    for (auto& row : rows) {
      auto it = paper.find(row.case_id);
      if (it != paper.end()) row.paper_status = it->second;
    }
  }
  StaffListNav nav;
  nav.total = page->total;
  nav.first_position = page->first_position;
  if (page->newer) nav.newer_cursor = FormatStaffCursor(*page->newer);
  if (page->older) nav.older_cursor = FormatStaffCursor(*page->older);
  return HtmlReply(200, StaffCaseListHtml(rows, back_office_, static_cast<bool>(paper_desk_), nav));
}

HttpReply StaffView::CasePage(const std::string& case_id) const {
  auto summary = Summary(case_id);
  if (!summary.ok()) {
    if (summary.status().code() == Code::kNotFound)
      return Refusal(404, "Справу не знайдено", "Справу " + case_id + " сюди не надходило.");
    return Refusal(500, "Помилка", "Не вдалося прочитати справу: " + summary.status().message());
  }
  if (paper_desk_.paper_status && !summary->workstation.empty()) {
    auto paper = paper_desk_.paper_status({summary->workstation});
    if (auto it = paper.find(case_id); it != paper.end()) summary->paper_status = it->second;
  }
  auto listed = filer_.Files(case_id);
  if (!listed.ok())
    return Refusal(500, "Помилка", "Не вдалося прочитати справу: " + listed.status().message());
  std::vector<StaffFileEntry> files;
  for (const auto& f : *listed) files.push_back({f.path, f.size});
  return HtmlReply(200, StaffCasePageHtml(*summary, files));
}

HttpReply StaffView::CaseFile(const std::string& case_id, const std::string& relative) const {
  auto listed = filer_.Files(case_id);
  if (!listed.ok()) {
    if (listed.status().code() == Code::kNotFound)
      return Refusal(404, "Справу не знайдено", "Справу " + case_id + " сюди не надходило.");
    return Refusal(500, "Помилка", "Не вдалося прочитати справу.");
  }
  bool known = std::any_of(listed->begin(), listed->end(),
                           [&](const CaseFiler::FiledFile& f) { return f.path == relative; });
  const fs::path path = filer_.inbox() / case_id / relative;
  std::error_code ec;
  if (!known || !fs::is_regular_file(fs::symlink_status(path, ec)))
    return Refusal(404, "Файл не знайдено", "У справі " + case_id + " такого файлу немає.");
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return Refusal(500, "Помилка", "Не вдалося прочитати файл.");
  HttpReply reply;
  reply.body = std::move(*bytes);
  const std::string type = StaffContentType(relative);
  reply.headers.emplace_back("Content-Type", type);
  // Served bytes come from applicants' papers and the network: never run as a page.
  reply.headers.emplace_back("Content-Security-Policy", "default-src 'none'; img-src 'self'; "
                                                        "style-src 'unsafe-inline'; object-src 'self'");
  if (type == "application/octet-stream") {
    const std::string name = relative.substr(relative.rfind('/') + 1);
    reply.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"" + PercentEncode(name, false) + "\"");
  }
  AddCommonHeaders(reply);
  return reply;
}

HttpReply StaffView::PaperForm() const {
  return HtmlReply(200, StaffPaperFormHtml(token_, "", false));
}

// A browser sends Origin with a form POST; one from another site is refused, and the form's
// token (which another site cannot read) is required either way.
HttpReply StaffView::PaperPost(const HttpRequestHead& head, const std::string& body) const {
  const std::string origin = head.Header("origin");
  const std::string port = std::to_string(port_());
  if (!origin.empty() && origin != "http://127.0.0.1:" + port && origin != "http://localhost:" + port)
    return Refusal(403, "Запит відхилено", "Запит з іншого сайту відхилено.");
  auto fields = ParseFormBody(body);
  if (!SameRequestToken(fields["token"], token_))
    return Refusal(403, "Запит відхилено", "Оновіть сторінку форми і повторіть.");
  std::vector<std::string> typed;
  std::string word;
  for (char c : fields["typed"] + "\n") {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';') {
      if (!word.empty()) typed.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  std::string clerk = fields["clerk"];
  if (typed.empty() || clerk.empty())
    return HtmlReply(400, StaffPaperFormHtml(token_, "Введіть номер реєстру і свій ідентифікатор.", true));
  auto report = paper_desk_.receive(typed, clerk);
  if (!report.ok()) return HtmlReply(422, StaffPaperFormHtml(token_, report.status().message(), true));
  return HtmlReply(200, StaffPaperFormHtml(token_, *report, false));
}

}  // namespace intake::transfer
