// `intake paper`: paper originals, from the desk to the back office's shelf.
//   intake paper add CASE_DIR [--no-cover]            record a case's paper items, print cover
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
// Exit codes: 0 done, 1 failed, 2 usage, 3 attention needed (overdue items / findings).
#include <cstdlib>
#include <iostream>

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
  spec.sheets = std::atoi(text.c_str() + b + 1);
  return spec;
}

int Add(Context& ctx, Args& args) {
  bool no_cover = TakeFlag(args, "--no-cover");
  std::string case_id, back_office = ctx.settings.back_office, initials;
  auto items = TakeRepeatedOption(args, "--item");
  CaseIntake intake;
  if (TakeOption(args, "--case", &case_id)) {
    TakeOption(args, "--back-office", &back_office);
    TakeOption(args, "--initials", &initials);
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
  } else if (args.size() == 1) {
    auto read = ReadCaseIntake(args[0]);
    if (!read.ok()) return Failed(read.status());
    intake = std::move(*read);
    if (intake.back_office.empty()) intake.back_office = back_office;
  } else {
    return Usage("intake paper add CASE_DIR | --case ID --back-office BO --item CLASS:KIND:SHEETS...");
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
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
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
  auto ledger = OpenLedger(ctx);
  if (!ledger.ok()) return Failed(ledger.status());
  Result<RegisterInfo> reg = TakeOption(args, "--reprint", &reprint)
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
  if (!TakeOption(args, "--courier", &courier) || args.size() != 1) {
    return Usage("intake paper handoff REGISTER_ID --courier WHO [--where PLACE]");
  }
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
  if (!TakeOption(args, "--to", &url)) return Usage("intake paper publish --to RECEIVER_URL [--book FILE]");
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
  if (!TakeOption(args, "--clerk", &in.clerk) || in.back_office.empty() ||
      (args.empty() && in.typed.empty())) {
    return Usage("intake paper receive IMAGE... [--typed ID]... [--missing ITEM]... "
                 "[--extra ITEM]... --clerk ID --back-office BO [--keys BO_KEYS] [--inbox DIR]");
  }
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
  if (!from_receiver && args.empty())
    return Usage("intake paper reconcile CONFIRMATION_FILE... | --from URL  [--keys WS_KEYS]");
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
  if (TakeOption(args, "--today", &today_text)) {
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

int Purge(Context& ctx, Args&) {
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
  if (args.empty()) return Usage("intake paper add|list|register|handoff|receive|publish|reconcile|"
                                 "ecase-received|overdue|purge ...");
  std::string sub = args[0];
  args.erase(args.begin());
  auto ctx = LoadContext(args);
  if (!ctx.ok()) return Failed(ctx.status());
  if (sub == "add") return Add(*ctx, args);
  if (sub == "list") return List(*ctx, args);
  if (sub == "register") return Register(*ctx, args);
  if (sub == "handoff") return Handoff(*ctx, args);
  if (sub == "receive") return Receive(*ctx, args);
  if (sub == "reconcile") return Reconcile(*ctx, args);
  if (sub == "publish") return PublishCommand(*ctx, args);
  if (sub == "ecase-received") return EcaseReceived(*ctx, args);
  if (sub == "overdue") return Overdue(*ctx, args);
  if (sub == "purge") return Purge(*ctx, args);
  if (sub == "keys") {
    return Usage("intake paper keys is gone: paper confirmations are signed with the back "
                 "office's key store (intake keys init --role back-office)");
  }
  return Usage("невідома дія '" + sub + "' (див. intake paper)");
}

const CommandRegistration kRegistration(
    "paper", "paper originals: cover sheets, registers, hand-off, back-office receipt, overdue",
    RunPaper);

}  // namespace
}  // namespace intake::cli
