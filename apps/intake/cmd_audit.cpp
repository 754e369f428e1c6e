// `intake audit verify [--spool DIR] [--log FILE] [--ledger FILE]`
// Checks the hash-chained paper audit log (paper/audit_log.h): every entry's hash, the chain of
// previous hashes, sequence numbers, and the ledger's anchor (catches entries cut from the end).
// Exit codes: 0 intact, 1 could not check, 2 usage, 4 tampering found (each problem listed).
#include <cstdlib>
#include <iostream>

#include "apps/intake/command.h"
#include "paper/paper_ledger.h"
#include "paper/paper_settings.h"
#include "paper/paper_text.h"

namespace intake::cli {
namespace {

namespace fs = std::filesystem;
using namespace intake::paper;

const char* Ukrainian(AuditProblem::Kind kind) {
  switch (kind) {
    case AuditProblem::Kind::kUnreadable: return "запис нечитабельний (змінений або пошкоджений)";
    case AuditProblem::Kind::kChanged: return "запис змінено: геш не відповідає вмісту";
    case AuditProblem::Kind::kRemoved: return "записи видалено: пропуск у нумерації";
    case AuditProblem::Kind::kOutOfOrder: return "порядок записів змінено";
    case AuditProblem::Kind::kChainBroken: return "ланцюжок розірвано: геш попереднього запису не збігається";
    case AuditProblem::Kind::kAnchorMismatch: return "запис не збігається з позначкою в реєстрі";
    case AuditProblem::Kind::kRemovedAtEnd: return "записи видалено з кінця журналу";
    case AuditProblem::Kind::kIncompleteLine: return "останній рядок неповний";
  }
  return "?";
}

int RunAudit(const Args& input) {
  Args args = input;
  if (args.empty() || args[0] != "verify") {
    return Fail("audit", "використання: intake audit verify [--spool DIR] [--log FILE] [--ledger FILE]", 2);
  }
  args.erase(args.begin());
  std::string spool, log, ledger_path;
  const char* env = std::getenv("INTAKE_SPOOL");
  if (!TakeOption(args, "--spool", &spool)) spool = env ? env : "/var/lib/intake";
  if (!TakeOption(args, "--ledger", &ledger_path)) ledger_path = (fs::path(spool) / "paper" / "ledger.db").string();
  bool explicit_log = TakeOption(args, "--log", &log);
  if (!args.empty()) return Fail("audit", "зайві аргументи: " + args[0], 2);

  std::optional<AuditAnchor> anchor;
  if (fs::exists(ledger_path)) {
    auto settings = LoadPaperSettings(fs::path(ledger_path).parent_path() / "paper.json");
    LedgerOptions options = settings.ok() ? settings->ledger : LedgerOptions{};
    if (explicit_log) options.audit_log = log;
    auto ledger = PaperLedger::Open(ledger_path, options);
    if (!ledger.ok()) return Fail("audit", UserMessage(ledger.status()));
    anchor = (*ledger)->audit_anchor();
    if (!explicit_log) log = (*ledger)->audit_log_path().string();
  } else if (!explicit_log) {
    return Fail("audit", "журнал не знайдено: немає " + ledger_path + " (вкажіть --log або --spool)");
  }
  auto report = VerifyAuditLog(log, anchor);
  if (!report.ok()) return Fail("audit", UserMessage(report.status()));
  if (report->ok()) {
    std::cout << "Журнал аудиту цілий: записів " << report->entries << ", останній №"
              << report->head.seq << ".\n";
    if (report->entries_after_anchor > 0) {
      std::cout << "Примітка: " << report->entries_after_anchor
                << " записів після останньої позначки реєстру (збій під час запису) — це не "
                   "підробка.\n";
    }
    if (!anchor) std::cout << "Увага: реєстр не знайдено, видалення записів з кінця не перевірено.\n";
    return 0;
  }
  std::cout << "ЖУРНАЛ АУДИТУ ПОШКОДЖЕНО АБО ЗМІНЕНО: проблем " << report->problems.size()
            << ". Не змінюйте файл; повідомте адміністратора.\n";
  for (const auto& p : report->problems) {
    std::cout << "  " << (p.line ? "рядок " + std::to_string(p.line) : std::string("журнал"))
              << ": " << Ukrainian(p.kind) << " (" << p.what << ")\n";
  }
  return 4;
}

const CommandRegistration kRegistration("audit", "verify the hash-chained paper audit log",
                                        RunAudit);

}  // namespace
}  // namespace intake::cli
