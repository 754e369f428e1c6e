// `intake paper`: paper originals, from the desk to the back office's shelf.
//   intake paper add CASE_DIR [--no-cover] [--back-office BO]  record a case's paper items,
//                                                    print its cover sheet
//   intake paper add --case ID --back-office BO --item CLASS:original|copy:SHEETS... [--initials I]
//   intake paper list [--case ID]                     items and where each one is
//   intake paper register [--back-office BO] [--out PDF] | --reprint REGISTER_ID
//   intake paper handoff REGISTER_ID --courier WHO [--where PLACE]
//   intake paper receive IMAGE... [--typed ID]... [--missing ITEM]... [--extra ITEM]...
//                        --clerk ID [--back-office BO] [--inbox DIR] [--keys BO_KEYS] [--out FILE]
//                                                    (back office: scan, reconcile, confirm)
//                        [--post RECEIVER_URL]      and post it to the receiver's message board
//   intake paper publish --to RECEIVER_URL            back office: post what is not yet posted
//   intake paper reconcile CONFIRMATION... [--keys WS_KEYS]   apply back-office confirmations
//   intake paper reconcile --from RECEIVER_URL [--keys WS_KEYS]
//                                                    fetch them from the receiver and apply
//   intake paper ecase-received CASE_ID               the e-case receipt is in
//   intake paper overdue [--today DATE] [--json]      exit 3 when something is overdue
//   intake paper purge                                closed cases past retention
// Keys are the signing key store's (one key management): the back office signs confirmations
// with its key store (BO_KEYS, the one intake-receiver signs receipts with), the workstation
// verifies them with the back office its key store trusts (WS_KEYS, `intake keys trust`).
// --keys defaults to $INTAKE_KEYS_DIR, else /var/lib/intake/keys.
// Common: --spool DIR ($INTAKE_SPOOL, else /var/lib/intake); settings <spool>/paper/paper.json
// (paper/paper_settings.h); --at YYYY-MM-DDTHH:MM:SSZ overrides the clock (tests, back-dating).
// Exit codes: 0 done, 1 failed, 2 usage (also an unknown option or a stray argument), 3 attention
// needed (overdue items / findings). Cover sheets go to <spool>/paper/cover-sheets/ (where the
// daemon prints them, so `purge` removes either), registers to <spool>/paper/registers/.
#include <cstdlib>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "apps/intake/command.h"
#include "core/file_util.h"
#include "paper/back_office_desk.h"
#include "paper/confirmation_outbox.h"
#include "paper/confirmation_transport.h"
#include "paper/case_record.h"
#include "paper/cover_sheet.h"
#include "paper/paper_labels.h"
#include "paper/paper_settings.h"
#include "paper/paper_text.h"
#include "paper/register_pdf.h"
#include "signing/key_store.h"
#include "signing/signer.h"
#include "transfer/http_client.h"
#include "transfer/message_board.h"

namespace intake::cli {
namespace {

namespace fs = std::filesystem;
using namespace intake::paper;

constexpr const char* kName = "paper";

struct Context {
  fs::path spool;
  PaperSettings settings;
  Instant now;
  fs::path dir() const { return spool / "paper"; }
};

int Failed(const Status& s) { return Fail(kName, UserMessage(s)); }
int Usage(const std::string& usage) { return Fail(kName, "використання: " + usage, 2); }

// What is left in `args` once a subcommand took its options: an unknown option (or one given
// without its value) or more than `positional` plain arguments is a usage error (exit 2) that
// names it — never silently ignored, so a mistyped "--caes X" does not list every case.
// Returns 0 when nothing is left over.
int Leftover(const Args& args, size_t positional, const std::string& usage) {
  for (const auto& a : args) {
    if (a.rfind("--", 0) == 0) {
      return Fail(kName, "невідомий параметр або параметр без значення '" + a +
                             "' (використання: " + usage + ")", 2);
    }
  }
  if (args.size() > positional) {
    return Fail(kName, "зайвий аргумент '" + args[positional] + "' (використання: " + usage + ")",
                2);
  }
  return 0;
}

Result<Context> LoadContext(Args& args) {
  Context ctx;
  std::string spool, at;
  const char* env = std::getenv("INTAKE_SPOOL");
  ctx.spool = TakeOption(args, "--spool", &spool) ? spool : env ? env : "/var/lib/intake";
  INTAKE_ASSIGN_OR_RETURN(ctx.settings, LoadPaperSettings(ctx.spool / "paper" / "paper.json"));
  ctx.now = Now();
  if (TakeOption(args, "--at", &at)) {
    INTAKE_ASSIGN_OR_RETURN(ctx.now, ParseInstant(at));
  }
  return ctx;
}

Result<std::unique_ptr<PaperLedger>> OpenLedger(const Context& ctx) {
  return PaperLedger::Open(ctx.dir() / "ledger.db", ctx.settings.ledger);
}

// CLASS:KIND:SHEETS → a spec numbered n.
Result<PaperItemSpec> ParseItemOption(const std::string& case_id, const std::string& text, int n) {
  size_t a = text.find(':'), b = text.rfind(':');
  if (a == std::string::npos || a == b) {
    return InvalidArgument("--item '" + text + "' is not CLASS:original|copy:SHEETS");
  }
  PaperItemSpec spec;
  spec.item_id = case_id + "-" + std::to_string(n);
  spec.document_class = text.substr(0, a);
  INTAKE_ASSIGN_OR_RETURN(spec.kind, ParseKind(text.substr(a + 1, b - a - 1)));
  const std::string sheets = text.substr(b + 1);
  if (sheets.empty() || sheets.size() > 3 ||
      sheets.find_first_not_of("0123456789") != std::string::npos || std::stoi(sheets) < 1) {
    return InvalidArgument("--item '" + text + "': SHEETS must be a whole number 1..999");
  }
  spec.sheets = std::stoi(sheets);
  return spec;
}

int Add(Context& ctx, Args& args) {
  const std::string usage =
      "intake paper add CASE_DIR [--no-cover] | --case ID --back-office BO "
      "--item CLASS:original|copy:SHEETS... [--initials I]";
  bool no_cover = TakeFlag(args, "--no-cover");
  std::string case_id, back_office = ctx.settings.back_office, initials;
  auto items = TakeRepeatedOption(args, "--item");
  const bool by_hand = TakeOption(args, "--case", &case_id);
  TakeOption(args, "--back-office", &back_office);
  TakeOption(args, "--initials", &initials);
  if (int rc = Leftover(args, by_hand ? 0 : 1, usage)) return rc;
  CaseIntake intake;
  if (by_hand) {
    if (items.empty()) return Usage(usage + " — для --case потрібен хоча б один --item");
    if (back_office.empty()) return Usage(usage + " — вкажіть --back-office (або back_office у paper.json)");
    intake.case_id = case_id;
    intake.back_office = back_office;
    intake.initials = initials;
    intake.actor = std::getenv("USER") ? std::getenv("USER") : "operator";
    intake.place = ctx.settings.ledger.workstation;
    for (size_t i = 0; i < items.size(); ++i) {
      auto spec = ParseItemOption(case_id, items[i], static_cast<int>(i + 1));
      if (!spec.ok()) return Failed(spec.status());
      intake.items.push_back(*spec);
    }
  } else if (args.size() == 1 && items.empty()) {
    auto read = ReadCaseIntake(args[0]);
    if (!read.ok()) return Failed(read.status());
    intake = std::move(*read);
    if (intake.back_office.empty()) intake.back_office = back_office;
    if (intake.back_office.empty()) {
      return Failed(InvalidArgument(args[0] + "/case.json names no back_office: give --back-office BO"));
    }
  } else {
    return Usage(usage);
  }
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  Status s = (*ledger)->RecordCase(intake, ctx.now);
  if (!s.ok()) return Failed(s);
  std::cout << "Справу " << intake.case_id << " записано: паперових документів — "
            << intake.items.size() << ".\n";
  if (!no_cover && !intake.items.empty()) {
    fs::path cover = (*ledger)->options().cover_dir / (intake.case_id + ".pdf");
    s = WriteCoverSheetPdf(intake, cover, DayOf(ctx.now));
    if (!s.ok()) return Failed(s);
    std::cout << "Супровідний аркуш: " << cover.string()
              << " — роздрукуйте й покладіть зверху пакета документів.\n";
  }
  return 0;
}

int List(Context& ctx, Args& args) {
  std::string case_id;
  bool one = TakeOption(args, "--case", &case_id);
  if (int rc = Leftover(args, 0, "intake paper list [--case ID]")) return rc;
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  if (one) {
    auto known = (*ledger)->Case(case_id);  // an unknown id is an error, not an empty list
    if (!known.ok()) return Failed(known.status());
  }
  auto items = (*ledger)->Items(one ? std::optional(case_id) : std::nullopt);
  if (!items.ok()) return Failed(items.status());
  std::cout << FormatItems(*items);
  return 0;
}

int Register(Context& ctx, Args& args) {
  std::string back_office = ctx.settings.back_office, out, reprint, who, where;
  TakeOption(args, "--back-office", &back_office);
  TakeOption(args, "--out", &out);
  if (!TakeOption(args, "--who", &who)) who = std::getenv("USER") ? std::getenv("USER") : "operator";
  if (!TakeOption(args, "--where", &where)) where = ctx.settings.ledger.workstation;
  const bool reprinting = TakeOption(args, "--reprint", &reprint);
  if (int rc = Leftover(args, 0, "intake paper register [--back-office BO] [--out PDF] | "
                                 "--reprint REGISTER_ID")) return rc;
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  Result<RegisterInfo> reg = reprinting
                                 ? (*ledger)->Register(reprint)
                                 : back_office.empty()
                                       ? Result<RegisterInfo>(InvalidArgument("--back-office is required"))
                                       : (*ledger)->CreateRegister(back_office, who, where, ctx.now);
  if (!reg.ok()) {
    if (reg.status().code() == Code::kNotFound && reprint.empty()) {
      std::cout << "Немає документів, що чекають на реєстр до " << back_office << ".\n";
      return 0;
    }
    return Failed(reg.status());
  }
  fs::path pdf = out.empty() ? ctx.dir() / "registers" / (reg->register_id + ".pdf") : fs::path(out);
  Status s = WriteRegisterPdf(*reg, ctx.settings.front_office, pdf);
  if (!s.ok()) return Failed(s);
  std::cout << "Реєстр передачі " << reg->register_id << " до " << reg->back_office
            << ", документів: " << reg->items.size() << ".\nPDF: " << pdf.string()
            << " — роздрукуйте (два примірники), підпишіть, передайте кур'єру й виконайте:\n"
            << "  intake paper handoff " << reg->register_id << " --courier <хто>\n";
  return 0;
}

int Handoff(Context& ctx, Args& args) {
  std::string courier, where = ctx.settings.ledger.workstation;
  TakeOption(args, "--where", &where);
  const std::string usage = "intake paper handoff REGISTER_ID --courier WHO [--where PLACE]";
  const bool has_courier = TakeOption(args, "--courier", &courier);
  if (int rc = Leftover(args, 1, usage)) return rc;
  if (!has_courier || args.size() != 1) return Usage(usage);
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  Status s = (*ledger)->HandOff(args[0], courier, where, ctx.now);
  if (!s.ok()) return Failed(s);
  std::cout << "Реєстр " << args[0] << " передано кур'єру (" << courier << ").\n";
  return 0;
}

// Posts every confirmation not yet on the receiver's board, oldest first; stops at the first
// failure (the rest stay queued for `intake paper publish`).
Status Publish(ReceiptBook& book, const std::string& url, int* posted) {
  INTAKE_ASSIGN_OR_RETURN(auto http, transfer::HttpClient::Create(transfer::TransportOptions{}));
  INTAKE_ASSIGN_OR_RETURN(*posted, PublishConfirmations(book, *http, url));
  return Status::Ok();
}

int PublishCommand(Context& ctx, Args& args) {
  std::string url, book_path = (ctx.dir() / "receipts.db").string();
  TakeOption(args, "--book", &book_path);
  const std::string usage = "intake paper publish --to RECEIVER_URL [--book FILE]";
  const bool has_url = TakeOption(args, "--to", &url);
  if (int rc = Leftover(args, 0, usage)) return rc;
  if (!has_url) return Usage(usage);
  auto book = ReceiptBook::Open(book_path);
  if (!book.ok()) return Failed(book.status());
  int posted = 0;
  Status s = Publish(**book, url, &posted);
  std::cout << "Надіслано підтверджень: " << posted << ".\n";
  return s.ok() ? 0 : Failed(s);
}

int Receive(Context& ctx, Args& args) {
  DeskInput in;
  std::string book_path = (ctx.dir() / "receipts.db").string(), inbox, out, post;
  std::string keys_dir = signing::DefaultKeyDir().string();
  TakeOption(args, "--post", &post);
  in.back_office = ctx.settings.back_office;
  TakeOption(args, "--back-office", &in.back_office);
  TakeOption(args, "--book", &book_path);
  TakeOption(args, "--inbox", &inbox);
  TakeOption(args, "--out", &out);
  TakeOption(args, "--keys", &keys_dir);
  in.typed = TakeRepeatedOption(args, "--typed");
  in.marked_missing = TakeRepeatedOption(args, "--missing");
  in.marked_extra = TakeRepeatedOption(args, "--extra");
  const std::string usage =
      "intake paper receive IMAGE... [--typed ID]... [--missing ITEM]... [--extra ITEM]... "
      "--clerk ID --back-office BO [--keys BO_KEYS] [--inbox DIR] [--out FILE] [--post URL]";
  const bool has_clerk = TakeOption(args, "--clerk", &in.clerk);
  if (int rc = Leftover(args, args.size(), usage)) return rc;
  if (!has_clerk || in.back_office.empty() || (args.empty() && in.typed.empty())) return Usage(usage);
  for (const auto& a : args) in.scans.emplace_back(a);
  if (!inbox.empty()) {
    int skipped = 0;
    auto ecases = LoadInboxPaperItems(inbox, &skipped);
    if (!ecases.ok()) return Failed(ecases.status());
    in.ecases = std::move(*ecases);
    if (skipped) std::cout << "Увага: не прочитано case.json у " << skipped << " справах вхідних.\n";
  }
  auto keys = signing::KeyStore::Open(keys_dir);
  if (!keys.ok()) return Failed(keys.status().WithContext("--keys " + keys_dir));
  signing::Ed25519Signer signer(keys->signing_key());
  auto book = ReceiptBook::Open(book_path);
  if (!book.ok()) return Failed(book.status());
  auto scanner = CodeScanner::Create();
  if (!scanner.ok()) return Failed(scanner.status());
  auto result = ReceiveAtDesk(in, **scanner, **book, signer, ctx.now);
  if (!result.ok()) return Failed(result.status());
  for (const auto& page : result->pages_without_code) {
    std::cout << "На сторінці " << page.string()
              << " код не прочитано: відскануйте ще раз або введіть номер (--typed).\n";
  }
  if (result->unreadable_codes > 0) {
    std::cout << "Пошкоджених кодів: " << result->unreadable_codes
              << " — їх не враховано; введіть номери вручну.\n";
  }
  std::cout << FormatReconciliation(result->reconciliation, result->confirmation.register_id);
  if (!out.empty() && !result->wire.empty()) {
    Status s = WriteFileAtomic(out, result->wire);
    if (!s.ok()) return Failed(s);
  }
  if (!result->wire.empty()) {
    std::cout << "Підтвердження підписано й поставлено в чергу для фронт-офісу "
              << WorkstationOfRegister(result->confirmation.register_id) << ".\n";
  }
  if (!post.empty()) {
    int posted = 0;
    Status s = Publish(**book, post, &posted);
    if (!s.ok()) {
      std::cout << "Приймач недоступний, підтвердження надішлемо пізніше: intake paper publish --to "
                << post << " (" << s.message() << ")\n";
    } else {
      std::cout << "Підтверджень передано приймачу: " << posted << ".\n";
    }
  }
  return result->reconciliation.clean() ? 0 : 3;
}

// Fetches the board messages after the ledger's cursor, applies the paper confirmations.
// The board's envelopes and the confirmations inside are both signed with the back office's
// key store key: one trusted key verifies both.
int ReconcileFromReceiver(Context& ctx, const std::string& url,
                          const signing::PublicKey& back_office_key) {
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  auto http = transfer::HttpClient::Create(transfer::TransportOptions{});
  if (!http.ok()) return Failed(http.status());
  auto report = SyncConfirmations(**ledger, **http, url, ctx.settings.ledger.workstation,
                                  back_office_key, ctx.now);
  if (!report.ok()) return Failed(report.status());
  for (size_t i = 0; i < report->reports.size(); ++i) {
    std::cout << FormatApplyReport(report->reports[i], report->register_ids[i]);
  }
  std::cout << "Нових підтверджень: " << report->applied << ", відхилено: " << report->rejected
            << ".\n";
  if (report->stopped_untrusted) {
    std::cout << "Є підтвердження, підписане невідомим ключем: перевірте, якому бек-офісу довіряє "
                 "робоче місце (intake keys trust BACK_OFFICE.json), і повторіть.\n";
    return 3;
  }
  return report->rejected > 0 ? 3 : 0;
}

int Reconcile(Context& ctx, Args& args) {
  std::string from, keys_dir = signing::DefaultKeyDir().string();
  bool from_receiver = TakeOption(args, "--from", &from);
  TakeOption(args, "--keys", &keys_dir);
  const std::string usage = "intake paper reconcile CONFIRMATION_FILE... | --from URL  [--keys WS_KEYS]";
  if (int rc = Leftover(args, from_receiver ? 0 : args.size(), usage)) return rc;
  if (!from_receiver && args.empty()) return Usage(usage);
  auto keys = signing::KeyStore::Open(keys_dir);
  if (!keys.ok()) return Failed(keys.status().WithContext("--keys " + keys_dir));
  auto back_office = keys->BackOffice();
  if (!back_office.ok())
    return Failed(back_office.status().WithContext("no trusted back office in " + keys_dir +
                                                   " (intake keys trust BACK_OFFICE.json)"));
  if (from_receiver) return ReconcileFromReceiver(ctx, from, back_office->sign_public);
  std::vector<Ed25519PublicKey> trusted = {back_office->sign_public};
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  int rc = 0;
  for (const auto& path : args) {
    auto wire = ReadFile(path);
    auto conf = wire.ok() ? VerifyConfirmation(*wire, trusted) : Result<PaperConfirmation>(wire.status());
    if (!conf.ok()) {
      std::cerr << path << ": " << UserMessage(conf.status()) << "\n";
      rc = 1;
      continue;
    }
    auto report = (*ledger)->ApplyConfirmation(*conf, ctx.now);
    if (!report.ok()) {
      std::cerr << path << ": " << UserMessage(report.status()) << "\n";
      rc = 1;
      continue;
    }
    std::cout << FormatApplyReport(*report, conf->register_id);
  }
  return rc;
}

int EcaseReceived(Context& ctx, Args& args) {
  if (int rc = Leftover(args, 1, "intake paper ecase-received CASE_ID")) return rc;
  if (args.size() != 1) return Usage("intake paper ecase-received CASE_ID");
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  Status s = (*ledger)->RecordEcaseReceipt(args[0], ctx.now);
  if (!s.ok()) return Failed(s);
  auto c = (*ledger)->Case(args[0]);
  std::cout << "Квитанцію е-справи " << args[0] << " враховано."
            << (c.ok() && c->closed_at ? " Справу закрито.\n" : "\n");
  return 0;
}

int Overdue(Context& ctx, Args& args) {
  std::string today_text;
  bool json = TakeFlag(args, "--json");
  Date today = DayOf(ctx.now);
  const bool has_today = TakeOption(args, "--today", &today_text);
  if (int rc = Leftover(args, 0, "intake paper overdue [--today DATE] [--json]")) return rc;
  if (has_today) {
    auto d = ParseDate(today_text);
    if (!d.ok()) return Failed(d.status());
    today = *d;
  }
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  auto overdue = (*ledger)->Overdue(today);
  if (!overdue.ok()) return Failed(overdue.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : *overdue) {
      out.push_back({{"item_id", o.item.spec.item_id}, {"case_id", o.item.case_id},
                     {"stage", StageName(o.item.stage)}, {"due_date", o.item.due_date},
                     {"working_days_late", o.working_days_late}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << FormatOverdue(*overdue);
  }
  return overdue->empty() ? 0 : 3;
}

int Purge(Context& ctx, Args& args) {
  if (int rc = Leftover(args, 0, "intake paper purge")) return rc;
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  auto report = (*ledger)->Purge(ctx.now);
  if (!report.ok()) return Failed(report.status());
  std::cout << "Видалено локальні персональні дані закритих справ: "
            << report->purged_cases.size() << ".\n";
  return 0;
}

int RunPaper(const Args& input) {
  Args args = input;
  static const std::map<std::string, int (*)(Context&, Args&)> kSubcommands = {
      {"add", Add},           {"list", List},           {"register", Register},
      {"handoff", Handoff},   {"receive", Receive},     {"reconcile", Reconcile},
      {"publish", PublishCommand}, {"ecase-received", EcaseReceived},
      {"overdue", Overdue},   {"purge", Purge}};
  if (args.empty()) return Usage("intake paper add|list|register|handoff|receive|publish|reconcile|"
                                 "ecase-received|overdue|purge ...");
  std::string sub = args[0];
  args.erase(args.begin());
  if (sub == "keys") {
    return Usage("intake paper keys is gone: paper confirmations are signed with the back "
                 "office's key store (intake keys init --role back-office)");
  }
  auto found = kSubcommands.find(sub);
  if (found == kSubcommands.end()) return Usage("невідома дія '" + sub + "' (див. intake paper)");
  auto ctx = LoadContext(args);  // after the action is known: a typo is named as such
  if (!ctx.ok()) return Failed(ctx.status());
  return found->second(*ctx, args);
}

const CommandRegistration kRegistration(
    "paper", "paper originals: cover sheets, registers, hand-off, back-office receipt, overdue",
    RunPaper);

}  // namespace
}  // namespace intake::cli
