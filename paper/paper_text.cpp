#include "paper/paper_text.h"

#include <cstdio>

#include "paper/paper_labels.h"

namespace intake::paper {
namespace {

std::string DateUa(const std::string& iso_date) {
  auto d = ParseDate(iso_date.substr(0, 10));
  return d.ok() ? FormatDateUa(*d) : iso_date;
}

std::string Pad(const std::string& s, size_t width) {
  // Width in code points (UTF-8 continuation bytes do not count).
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  return cps >= width ? s + " " : s + std::string(width - cps, ' ');
}

}  // namespace

std::string UserMessage(const Status& status) {
  std::string advice;
  switch (status.code()) {
    case Code::kOk: return "Готово.";
    case Code::kInvalidArgument: advice = "перевірте введені дані"; break;
    case Code::kNotFound: advice = "не знайдено — перевірте номер або шлях"; break;
    case Code::kAlreadyExists: advice = "вже записано раніше"; break;
    case Code::kCorrupt: advice = "дані пошкоджені або змінені — не використовуйте їх"; break;
    case Code::kUnavailable: advice = "ресурс зайнятий або недоступний — повторіть пізніше"; break;
    case Code::kResourceExhausted: advice = "закінчилося місце на диску — звільніть місце й повторіть"; break;
    case Code::kPermissionDenied: advice = "немає довіри або доступу — зверніться до адміністратора"; break;
    case Code::kFailedPrecondition: advice = "операцію зараз виконати не можна"; break;
    case Code::kIoError: advice = "помилка читання чи запису файлу — перевірте диск"; break;
    default: advice = "внутрішня помилка — повідомте адміністратора"; break;
  }
  return "Помилка: " + advice + " (" + status.message() + ")";
}

std::string FormatItems(const std::vector<PaperItem>& items) {
  if (items.empty()) return "Паперових документів немає.\n";
  std::string out = Pad("Документ", 24) + Pad("Вид", 10) + Pad("Арк.", 5) + Pad("Строк", 11) +
                    Pad("Реєстр", 21) + "Стан\n";
  for (const auto& i : items) {
    out += Pad(i.spec.item_id, 24) + Pad(KindLabel(i.spec.kind), 10) +
           Pad(std::to_string(i.spec.sheets), 5) + Pad(DateUa(i.due_date), 11) +
           Pad(i.register_id.value_or("—"), 21) + StageLabel(i.stage) + "\n";
  }
  return out;
}

std::string FormatOverdue(const std::vector<OverdueItem>& overdue) {
  if (overdue.empty()) return "Прострочених паперових документів немає.\n";
  std::string out = "Прострочено паперових документів: " + std::to_string(overdue.size()) + "\n";
  for (const auto& o : overdue) {
    std::string todo;
    switch (o.item.stage) {
      case Stage::kRecorded: todo = "включіть до реєстру й передайте: intake paper register"; break;
      case Stage::kPacked: todo = "передайте реєстр кур'єру: intake paper handoff"; break;
      case Stage::kHandedToCourier: todo = "з'ясуйте в кур'єра та бек-офісу, де пакет"; break;
      case Stage::kMissing: todo = "бек-офіс не отримав: знайдіть документ і надішліть повторно"; break;
      default: break;
    }
    out += "  " + o.item.spec.item_id + " (" + DocumentLabel(o.item.spec.document_class) +
           ", " + KindLabel(o.item.spec.kind) + "): строк " + DateUa(o.item.due_date) +
           ", прострочено на " + std::to_string(o.working_days_late) + " роб. дн. — " + todo +
           "\n";
  }
  return out;
}

std::vector<std::string> OverdueLines(const std::vector<OverdueItem>& overdue) {
  std::vector<std::string> lines;
  for (const auto& o : overdue) {
    const PaperItemSpec& spec = o.item.spec;
    lines.push_back("case " + o.item.case_id + " item " + spec.item_id + " " +
                    std::string(KindName(spec.kind)) + " " +
                    (spec.document_class.empty() ? "document" : spec.document_class) + ": " +
                    std::to_string(o.working_days_late) + " working day(s) late (due " +
                    o.item.due_date + ", " + std::string(StageName(o.item.stage)) + ")");
  }
  return lines;
}

std::string FormatReconciliation(const Reconciliation& r, const std::string& register_id) {
  int received = 0, missing = 0, extra = 0;
  for (const auto& i : r.items) {
    received += i.outcome == ItemOutcome::kReceived;
    missing += i.outcome == ItemOutcome::kMissing;
    extra += i.outcome == ItemOutcome::kExtra;
  }
  std::string out = "Реєстр " + register_id + ": отримано " + std::to_string(received) +
                    ", відсутні " + std::to_string(missing) + ", зайві " +
                    std::to_string(extra) + ".\n";
  if (r.findings.empty()) return out + "Розбіжностей немає.\n";
  out += "Потребує уваги (" + std::to_string(r.findings.size()) + "):\n";
  for (const auto& f : r.findings) out += "  • " + f.action + "\n";
  return out;
}

std::string FormatApplyReport(const ApplyReport& report, const std::string& register_id) {
  if (report.already_applied) {
    return "Підтвердження щодо реєстру " + register_id + " вже враховано раніше.\n";
  }
  std::string out = "Бек-офіс підтвердив реєстр " + register_id + ": отримано " +
                    std::to_string(report.received) + ", відсутні " +
                    std::to_string(report.missing) + ", зайві " + std::to_string(report.extra) +
                    ".\n";
  if (report.missing > 0) {
    out += "Відсутні документи повернуто до черги: знайдіть їх і включіть до нового реєстру.\n";
  }
  for (const auto& c : report.closed_cases) out += "Справу " + c + " закрито.\n";
  return out;
}

}  // namespace intake::paper
