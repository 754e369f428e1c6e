// `intake paper` as the front desk and the back office run it: the real built `intake` program
// as a subprocess over a real spool (paper.json, case folders with case.json, key stores made
// by the signing library, an inbox in intake-receiver's layout), asserting exit codes, what it
// prints and the files it leaves. The back office "scans" the register and a cover sheet the
// program printed (rendered with poppler to PNG). Bad input gets one message, exit != 0, and
// loses nothing already recorded.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/case_record.h"
#include "core/file_util.h"
#include "paper/paper_ledger.h"
#include "signing/key_store.h"
#include "tests/paper/scan_simulator.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"

namespace intake::paper {
namespace {

namespace fs = std::filesystem;
using ::intake::testing::BinaryDir;
using ::intake::testing::ProcessOutput;
using ::intake::testing::RunProgram;

const std::string kA = "20261123-WS01-0001", kB = "20261123-WS01-0002";
const std::string kBackOffice = "uszn-district-1";

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string Show(const ProcessOutput& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

class PaperCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    intake_ = BinaryDir() / "bin" / "intake";
    if (!fs::exists(intake_)) GTEST_SKIP() << "the intake program was not built: " << intake_;
    root_ = dir_.path();
    ASSERT_OK(MakeDirectories(ws() / "paper", 0750));
    ASSERT_OK(MakeDirectories(bo() / "paper", 0750));
    ASSERT_OK(WriteFileAtomic(ws() / "paper" / "paper.json", WsSettings()));
    ASSERT_OK(WriteFileAtomic(bo() / "paper" / "paper.json",
                              R"({"workstation": "BO1", "back_office": ")" + kBackOffice + "\"}"));
    // One key management: the back office signs with its key store, the workstation trusts it.
    auto bo_keys = signing::KeyStore::Init(root_ / "bo-keys", "back-office", kBackOffice);
    ASSERT_OK(bo_keys);
    auto ws_keys = signing::KeyStore::Init(root_ / "ws-keys", "workstation", "WS01");
    ASSERT_OK(ws_keys);
    ASSERT_OK(ws_keys->TrustBackOffice(bo_keys->identity()));
    WriteCase(CaseDir(kA), kA, 2);
    WriteCase(CaseDir(kB), kB, 1);
    // Both e-cases arrived at the back office, filed as intake-receiver files them.
    WriteCase(root_ / "inbox" / kA / "bag" / "data", kA, 2);
    WriteCase(root_ / "inbox" / kB / "bag" / "data", kB, 1);
  }

  static std::string WsSettings() {
    return R"js({"workstation": "WS01", "front_office": "ЦНАП (WS01)", "back_office": ")js" +
           kBackOffice + R"js(", "working_days": 10, "retention_days": 30})js";
  }
  fs::path ws() const { return root_ / "ws"; }
  fs::path bo() const { return root_ / "bo"; }
  fs::path CaseDir(const std::string& id) const { return ws() / "cases" / id; }

  // case.json as the workstation seals it: applicant fields, one paper item per document.
  static void WriteCase(const fs::path& dir, const std::string& id, int items) {
    CaseRecord record;
    record.case_id = id;
    record.workstation = "WS01";
    record.back_office = kBackOffice;
    record.applicant = {{"surname", "Шевченко"}, {"given_name", "Тарас"}, {"patronymic", "Григорович"}};
    for (int n = 1; n <= items; ++n) {
      record.documents.push_back({"d" + std::to_string(n), n == 1 ? "application_form" : "passport",
                                  0.9, {n}});
      record.paper_items.push_back({id + "-" + std::to_string(n), "d" + std::to_string(n),
                                    n == 1 ? "original" : "copy", n});
    }
    ASSERT_OK(MakeDirectories(dir, 0750));
    ASSERT_OK(WriteFileAtomic(dir / "case.json", CaseRecordToJson(record)));
  }

  // `intake paper <args> --spool <spool>` (--spool last, so a test may leave an option
  // without its value before it only on purpose).
  ProcessOutput Paper(std::vector<std::string> args, const fs::path& spool) {
    std::vector<std::string> argv = {intake_.string(), "paper"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--spool");
    argv.push_back(spool.string());
    return RunProgram(argv, std::chrono::seconds(60));
  }
  ProcessOutput Ws(std::vector<std::string> args) { return Paper(std::move(args), ws()); }
  ProcessOutput Bo(std::vector<std::string> args) { return Paper(std::move(args), bo()); }

  // The first page of a PDF the program wrote, "scanned" to a PNG.
  std::string ScanFirstPage(const fs::path& pdf, const std::string& name) {
    auto bytes = ReadFile(pdf);
    EXPECT_TRUE(bytes.ok()) << pdf;
    auto pages = testing::RenderPdf(bytes.ok() ? *bytes : "", 200);
    EXPECT_FALSE(pages.empty()) << pdf << " does not render";
    if (pages.empty()) return "";
    return testing::SavePng(pages[0], root_ / (name + ".png")).string();
  }

  // Front desk: both cases recorded, one register made and handed to the courier.
  std::string RecordAndHandOff() {
    EXPECT_EQ(Ws({"add", CaseDir(kA).string(), "--at", "2026-11-23T10:00:00Z"}).exit_code, 0);
    EXPECT_EQ(Ws({"add", CaseDir(kB).string(), "--at", "2026-11-23T10:05:00Z"}).exit_code, 0);
    ProcessOutput reg = Ws({"register", "--who", "operator-3", "--at", "2026-11-24T09:00:00Z"});
    EXPECT_EQ(reg.exit_code, 0) << Show(reg);
    std::smatch m;
    static const std::regex kRegister("Реєстр передачі (R-[0-9A-Za-z-]+) до ");
    if (!std::regex_search(reg.out, m, kRegister)) {
      ADD_FAILURE() << "no register id in\n" << Show(reg);
      return "";
    }
    const std::string id = m[1];
    ProcessOutput handoff = Ws({"handoff", id, "--courier", "courier-1", "--at", "2026-11-24T14:00:00Z"});
    EXPECT_EQ(handoff.exit_code, 0) << Show(handoff);
    return id;
  }

  ::intake::testing::TempDir dir_;
  fs::path root_, intake_;
};

TEST_F(PaperCliTest, FrontDeskToBackOfficeAndBack) {
  // Front desk: paper items recorded from case.json, the cover sheet printed.
  ProcessOutput add = Ws({"add", CaseDir(kA).string(), "--at", "2026-11-23T10:00:00Z"});
  ASSERT_EQ(add.exit_code, 0) << Show(add);
  EXPECT_NE(add.out.find("Справу " + kA + " записано: паперових документів — 2."), std::string::npos)
      << add.out;
  const fs::path cover_a = ws() / "paper" / "cover-sheets" / (kA + ".pdf");
  EXPECT_NE(add.out.find(cover_a.string()), std::string::npos) << add.out;
  ASSERT_TRUE(fs::exists(cover_a)) << "the cover sheet goes where the daemon prints them";
  EXPECT_EQ(ReadFile(cover_a)->substr(0, 5), "%PDF-");
  ASSERT_EQ(Ws({"add", CaseDir(kB).string(), "--at", "2026-11-23T10:05:00Z"}).exit_code, 0);
  ProcessOutput again = Ws({"add", CaseDir(kA).string(), "--no-cover"});  // idempotent
  EXPECT_EQ(again.exit_code, 0) << Show(again);

  ProcessOutput list = Ws({"list"});
  ASSERT_EQ(list.exit_code, 0) << Show(list);
  for (const auto& item : {kA + "-1", kA + "-2", kB + "-1"})
    EXPECT_EQ(Count(list.out, item + " "), 1u) << item << "\n" << list.out;
  EXPECT_EQ(Count(list.out, "прийнято, чекає реєстру"), 3u) << list.out;
  ProcessOutput one = Ws({"list", "--case", kA});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_NE(one.out.find(kA + "-2"), std::string::npos);
  EXPECT_EQ(one.out.find(kB), std::string::npos) << one.out;

  // The register: every pending item, a PDF, then the courier.
  ProcessOutput reg = Ws({"register", "--who", "operator-3", "--at", "2026-11-24T09:00:00Z"});
  ASSERT_EQ(reg.exit_code, 0) << Show(reg);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(reg.out, m, std::regex("Реєстр передачі (R-[0-9A-Za-z-]+) до " +
                                                       kBackOffice + ", документів: 3\\.")))
      << reg.out;
  const std::string register_id = m[1];
  const fs::path register_pdf = ws() / "paper" / "registers" / (register_id + ".pdf");
  ASSERT_TRUE(fs::exists(register_pdf)) << reg.out;
  ProcessOutput nothing = Ws({"register", "--at", "2026-11-24T09:30:00Z"});
  EXPECT_EQ(nothing.exit_code, 0);
  EXPECT_NE(nothing.out.find("Немає документів, що чекають на реєстр"), std::string::npos) << nothing.out;
  ProcessOutput handoff = Ws({"handoff", register_id, "--courier", "courier-1", "--at", "2026-11-24T14:00:00Z"});
  ASSERT_EQ(handoff.exit_code, 0) << Show(handoff);
  EXPECT_NE(handoff.out.find("передано кур'єру (courier-1)"), std::string::npos);
  EXPECT_EQ(Count(Ws({"list"}).out, "передано кур'єру"), 3u);
  ProcessOutput twice = Ws({"handoff", register_id, "--courier", "courier-2"});
  EXPECT_EQ(twice.exit_code, 1) << Show(twice);
  EXPECT_NE(twice.err.find(register_id), std::string::npos) << twice.err;

  // Back office: the register and case A's cover sheet scanned; one original of B is not in
  // the envelope. Findings → exit 3; the confirmation is signed and written out.
  const std::string reg_png = ScanFirstPage(register_pdf, "register");
  const std::string cover_png = ScanFirstPage(cover_a, "cover-a");
  const fs::path confirmation = root_ / "confirmation.json";
  ProcessOutput received = Bo({"receive", reg_png, cover_png, "--missing", kB + "-1", "--clerk",
                               "clerk-7", "--keys", (root_ / "bo-keys").string(), "--inbox",
                               (root_ / "inbox").string(), "--out", confirmation.string(),
                               "--at", "2026-11-25T09:00:00Z"});
  EXPECT_EQ(received.exit_code, 3) << Show(received);
  EXPECT_NE(received.out.find("отримано 2, відсутні 1"), std::string::npos) << received.out;
  EXPECT_NE(received.out.find("Справу " + kB + " зазначено в реєстрі"), std::string::npos)
      << received.out;
  EXPECT_EQ(received.out.find("код не прочитано"), std::string::npos) << received.out;
  EXPECT_NE(received.out.find("Підтвердження підписано й поставлено в чергу для фронт-офісу WS01"),
            std::string::npos) << received.out;
  ASSERT_TRUE(fs::exists(confirmation));
  EXPECT_TRUE(fs::exists(bo() / "paper" / "receipts.db"));

  // Workstation: the e-case receipt of A, then the confirmation — A closes, B-1 goes back.
  ProcessOutput ecase = Ws({"ecase-received", kA, "--at", "2026-11-24T10:00:00Z"});
  EXPECT_EQ(ecase.exit_code, 0) << Show(ecase);
  const std::string ws_keys = (root_ / "ws-keys").string();
  ProcessOutput applied = Ws({"reconcile", confirmation.string(), "--keys", ws_keys, "--at",
                              "2026-11-25T10:00:00Z"});
  ASSERT_EQ(applied.exit_code, 0) << Show(applied);
  EXPECT_NE(applied.out.find("Бек-офіс підтвердив реєстр " + register_id + ": отримано 2, відсутні 1"),
            std::string::npos) << applied.out;
  EXPECT_NE(applied.out.find("Справу " + kA + " закрито."), std::string::npos) << applied.out;
  ProcessOutput reapplied = Ws({"reconcile", confirmation.string(), "--keys", ws_keys});
  EXPECT_EQ(reapplied.exit_code, 0);
  EXPECT_NE(reapplied.out.find("вже враховано"), std::string::npos) << reapplied.out;
  ProcessOutput after = Ws({"list"});
  EXPECT_EQ(Count(after.out, "отримано бек-офісом") + Count(after.out, "звірено бек-офісом"), 2u)
      << after.out;
  EXPECT_EQ(Count(after.out, "бек-офіс не отримав"), 1u) << after.out;

  // Overdue: B-1 only, as text and as JSON; nothing before its deadline.
  ProcessOutput late = Ws({"overdue", "--today", "2026-12-30"});
  EXPECT_EQ(late.exit_code, 3) << Show(late);
  EXPECT_NE(late.out.find(kB + "-1"), std::string::npos);
  EXPECT_EQ(late.out.find(kA), std::string::npos) << late.out;
  EXPECT_EQ(late.out.find("Шевченко"), std::string::npos);
  ProcessOutput late_json = Ws({"overdue", "--today", "2026-12-30", "--json"});
  EXPECT_EQ(late_json.exit_code, 3);
  auto parsed = nlohmann::json::parse(late_json.out, nullptr, false);
  ASSERT_TRUE(parsed.is_array()) << late_json.out;
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["item_id"], kB + "-1");
  EXPECT_GT(parsed[0]["working_days_late"].get<int>(), 0);
  EXPECT_EQ(Ws({"overdue", "--today", "2026-11-26"}).exit_code, 0);

  // Retention passed: closed A's folder and printed cover sheet go; open B stays.
  ProcessOutput purge = Ws({"purge", "--at", "2027-02-01T00:00:00Z"});
  EXPECT_EQ(purge.exit_code, 0) << Show(purge);
  EXPECT_NE(purge.out.find("закритих справ: 1."), std::string::npos) << purge.out;
  EXPECT_FALSE(fs::exists(cover_a));
  EXPECT_FALSE(fs::exists(CaseDir(kA)));
  EXPECT_TRUE(fs::exists(CaseDir(kB)));
  EXPECT_TRUE(fs::exists(ws() / "paper" / "cover-sheets" / (kB + ".pdf")));

  // The whole trail is intact.
  ProcessOutput audit = RunProgram({intake_.string(), "audit", "verify", "--spool", ws().string()},
                                   std::chrono::seconds(60));
  EXPECT_EQ(audit.exit_code, 0) << Show(audit);
}

// The confirmation travels through a real intake-receiver's message board: posted with
// `receive --post`, fetched and applied with `reconcile --from`; when the receiver is down it
// stays queued and `publish` sends it later.
TEST_F(PaperCliTest, ConfirmationsTravelThroughTheReceiver) {
  const fs::path receiver = BinaryDir() / "bin" / "intake-receiver";
  if (!fs::exists(receiver)) GTEST_SKIP() << "intake-receiver was not built";
  const std::string register_id = RecordAndHandOff();
  ASSERT_FALSE(register_id.empty());
  const int port = ::intake::testing::FreeLoopbackPort();
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  const std::string bo_keys = (root_ / "bo-keys").string(), ws_keys = (root_ / "ws-keys").string();

  // The receiver is not running yet: the confirmation is kept for later.
  ProcessOutput offline = Bo({"receive", "--typed", register_id, "--typed", kA, "--typed", kB,
                              "--clerk", "clerk-7", "--keys",
                              bo_keys, "--inbox", (root_ / "inbox").string(), "--post", url,
                              "--at", "2026-11-25T09:00:00Z"});
  EXPECT_EQ(offline.exit_code, 3) << Show(offline);  // typed register: its code was not scanned
  EXPECT_NE(offline.out.find("Приймач недоступний, підтвердження надішлемо пізніше: intake paper "
                             "publish --to " + url), std::string::npos) << offline.out;

  ::intake::testing::Subprocess rx(
      {receiver.string(), "--listen", "127.0.0.1:" + std::to_string(port), "--inbox",
       (root_ / "rx-inbox").string(), "--keys", bo_keys, "--no-verify"},
      root_);
  ASSERT_TRUE(rx.started());
  ASSERT_TRUE(::intake::testing::WaitForPort(port, std::chrono::seconds(20))) << rx.Stderr();
  ProcessOutput nothing_yet = Ws({"reconcile", "--from", url, "--keys", ws_keys});
  EXPECT_EQ(nothing_yet.exit_code, 0) << Show(nothing_yet);
  EXPECT_NE(nothing_yet.out.find("Нових підтверджень: 0"), std::string::npos) << nothing_yet.out;

  ProcessOutput publish = Bo({"publish", "--to", url});
  EXPECT_EQ(publish.exit_code, 0) << Show(publish);
  EXPECT_NE(publish.out.find("Надіслано підтверджень: 1."), std::string::npos) << publish.out;
  EXPECT_NE(Bo({"publish", "--to", url}).out.find("Надіслано підтверджень: 0."), std::string::npos);

  ProcessOutput fetched = Ws({"reconcile", "--from", url, "--keys", ws_keys, "--at",
                              "2026-11-25T10:00:00Z"});
  EXPECT_EQ(fetched.exit_code, 0) << Show(fetched);
  EXPECT_NE(fetched.out.find("Бек-офіс підтвердив реєстр " + register_id + ": отримано 3"),
            std::string::npos) << fetched.out;
  EXPECT_NE(fetched.out.find("Нових підтверджень: 1, відхилено: 0."), std::string::npos);
  EXPECT_EQ(Count(Ws({"list"}).out, "передано кур'єру"), 0u);
  ProcessOutput once_more = Ws({"reconcile", "--from", url, "--keys", ws_keys});
  EXPECT_NE(once_more.out.find("Нових підтверджень: 0"), std::string::npos) << once_more.out;

  // A workstation that trusts another back office refuses the board's messages, applies nothing.
  auto stranger = signing::KeyStore::Init(root_ / "other-bo", "back-office", "pfu-oblast");
  ASSERT_OK(stranger);
  auto ws2 = signing::KeyStore::Init(root_ / "ws2-keys", "workstation", "WS01");
  ASSERT_OK(ws2);
  ASSERT_OK(ws2->TrustBackOffice(stranger->identity()));
  ASSERT_OK(MakeDirectories(root_ / "ws2" / "paper", 0750));
  ASSERT_OK(WriteFileAtomic(root_ / "ws2" / "paper" / "paper.json", WsSettings()));
  ProcessOutput untrusted = Paper({"reconcile", "--from", url, "--keys", (root_ / "ws2-keys").string()},
                                  root_ / "ws2");
  EXPECT_EQ(untrusted.exit_code, 1) << Show(untrusted);
  EXPECT_NE(untrusted.err.find("немає довіри"), std::string::npos) << Show(untrusted);
  EXPECT_EQ(Count(untrusted.err, "\n"), 1u) << Show(untrusted);
  auto ws2_ledger = PaperLedger::Open(root_ / "ws2" / "paper" / "ledger.db");
  ASSERT_OK(ws2_ledger);
  auto cursor = (*ws2_ledger)->OutboxCursor("board " + url);
  ASSERT_OK(cursor);
  EXPECT_EQ(*cursor, 0) << "the cursor moved past a refused message";
}

// A case whose case.json is not at hand is typed in item by item; a lost register PDF is
// printed again from the ledger.
TEST_F(PaperCliTest, CaseTypedByHandAndRegisterReprinted) {
  const std::string id = "20261123-WS01-0005";
  ProcessOutput add = Ws({"add", "--case", id, "--item", "application_form:original:2", "--item",
                          "passport:copy:1", "--initials", "Ш. Т. Г.", "--at", "2026-11-23T11:00:00Z"});
  ASSERT_EQ(add.exit_code, 0) << Show(add);
  EXPECT_NE(add.out.find("Справу " + id + " записано: паперових документів — 2."), std::string::npos);
  EXPECT_TRUE(fs::exists(ws() / "paper" / "cover-sheets" / (id + ".pdf")));
  ProcessOutput list = Ws({"list", "--case", id});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find(id + "-1    оригінал  2 "), std::string::npos) << list.out;
  EXPECT_NE(list.out.find(id + "-2    копія     1 "), std::string::npos) << list.out;

  const fs::path first = root_ / "register.pdf", again = root_ / "reprint.pdf";
  ProcessOutput reg = Ws({"register", "--out", first.string(), "--at", "2026-11-24T09:00:00Z"});
  ASSERT_EQ(reg.exit_code, 0) << Show(reg);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(reg.out, m, std::regex("Реєстр передачі (R-[0-9A-Za-z-]+) до ")));
  const std::string register_id = m[1];
  ASSERT_TRUE(fs::exists(first));
  ProcessOutput reprint = Ws({"register", "--reprint", register_id, "--out", again.string()});
  ASSERT_EQ(reprint.exit_code, 0) << Show(reprint);
  EXPECT_NE(reprint.out.find(register_id + " до " + kBackOffice + ", документів: 2."), std::string::npos)
      << reprint.out;
  ASSERT_TRUE(fs::exists(again));
  EXPECT_EQ(ReadFile(again)->substr(0, 5), "%PDF-");
  EXPECT_EQ(Ws({"list", "--case", id}).out.find("прийнято, чекає реєстру"), std::string::npos)
      << "reprinting packed nothing new";

  ProcessOutput keys = Ws({"keys"});
  EXPECT_EQ(keys.exit_code, 2);
  EXPECT_NE(keys.err.find("intake keys init --role back-office"), std::string::npos) << Show(keys);
}

TEST_F(PaperCliTest, BadInputGetsOneMessageAndLosesNothing) {
  const std::string register_id = RecordAndHandOff();
  ASSERT_FALSE(register_id.empty());
  const ProcessOutput before = Ws({"list"});
  ASSERT_EQ(before.exit_code, 0);
  ASSERT_EQ(Count(before.out, "передано кур'єру"), 3u) << before.out;

  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string says;  // in the one stderr message
  };
  const std::string garbage = (root_ / "garbage.json").string();
  ASSERT_OK(WriteFileAtomic(garbage, "not a confirmation"));
  ASSERT_OK(MakeDirectories(root_ / "broken-case", 0750));
  ASSERT_OK(WriteFileAtomic(root_ / "broken-case" / "case.json", "{\"case_id\": \"20261123-WS01-0003\", "));
  const std::vector<Case> cases = {
      // missing arguments / unknown words: usage, exit 2
      {{}, 2, "використання"},
      {{"frobnicate"}, 2, "невідома дія 'frobnicate'"},
      {{"add"}, 2, "використання: intake paper add"},
      {{"add", "--case", "20261123-WS01-0009"}, 2, "потрібен хоча б один --item"},
      {{"handoff", register_id}, 2, "--courier"},
      {{"receive", "scan.png", "--back-office", kBackOffice}, 2, "--clerk"},
      {{"ecase-received"}, 2, "ecase-received CASE_ID"},
      {{"reconcile"}, 2, "CONFIRMATION_FILE"},
      {{"publish"}, 2, "--to RECEIVER_URL"},
      {{"list", "--caes", kA}, 2, "'--caes'"},
      {{"overdue", "--json", "extra"}, 2, "зайвий аргумент 'extra'"},
      {{"list", "--case"}, 2, "'--case'"},
      // unknown ids: not found, exit 1
      {{"list", "--case", "20991231-WS09-0001"}, 1, "20991231-WS09-0001"},
      {{"ecase-received", "20991231-WS09-0001"}, 1, "не знайдено"},
      {{"handoff", "R-20991231-WS09-001", "--courier", "c"}, 1, "R-20991231-WS09-001"},
      {{"add", (root_ / "no-such-case").string()}, 1, "не знайдено"},
      // malformed input: exit 1, nothing recorded
      {{"add", (root_ / "broken-case").string()}, 1, "пошкоджені"},
      {{"add", "--case", "20261123-WS01-0009", "--item", "passport:original:2x"}, 1, "SHEETS"},
      {{"add", "--case", "20261123-WS01-0009", "--item", "passport:orig:1"}, 1, "orig"},
      {{"overdue", "--today", "someday"}, 1, "someday"},
      {{"list", "--at", "yesterday"}, 1, "yesterday"},
      {{"reconcile", garbage, "--keys", (root_ / "ws-keys").string()}, 1, garbage},
      {{"receive", (root_ / "no-such-scan.png").string(), "--clerk", "clerk-7", "--keys",
        (root_ / "bo-keys").string()}, 1, "no-such-scan.png"},
  };
  for (const Case& c : cases) {
    ProcessOutput r = Ws(c.args);
    std::string what = "intake paper";
    for (const auto& a : c.args) what += " " + a;
    EXPECT_EQ(r.exit_code, c.exit_code) << what << "\n" << Show(r);
    EXPECT_NE(r.err.find(c.says), std::string::npos) << what << "\n" << Show(r);
    EXPECT_EQ(Count(r.err, "\n"), 1u) << "one message: " << what << "\n" << Show(r);
    EXPECT_EQ(r.out.find(kA), std::string::npos) << what << " printed cases:\n" << r.out;
  }

  // A corrupt paper.json: every action refuses with the file named, the ledger untouched.
  ASSERT_OK(WriteFileAtomic(ws() / "paper" / "paper.json", "{\"workstation\": \"WS01\", "));
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"list"}, {"add", CaseDir(kA).string()},
                                             {"register"}, {"ecase-received", kA}}) {
    ProcessOutput r = Ws(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << "\n" << Show(r);
    EXPECT_NE(r.err.find("paper.json"), std::string::npos) << Show(r);
    EXPECT_NE(r.err.find("пошкоджені"), std::string::npos) << Show(r);
    EXPECT_EQ(Count(r.err, "\n"), 1u) << Show(r);
  }
  ASSERT_OK(WriteFileAtomic(ws() / "paper" / "paper.json", WsSettings()));

  // Nothing recorded was lost or changed, and the audit trail is intact.
  ProcessOutput after = Ws({"list"});
  EXPECT_EQ(after.exit_code, 0);
  EXPECT_EQ(after.out, before.out);
  auto ledger = PaperLedger::Open(ws() / "paper" / "ledger.db");
  ASSERT_OK(ledger);
  auto registers = (*ledger)->Registers();
  ASSERT_OK(registers);
  EXPECT_EQ(registers->size(), 1u);
  EXPECT_FALSE((*ledger)->Case("20261123-WS01-0009").ok()) << "a refused add recorded a case";
  EXPECT_FALSE((*ledger)->Case("20261123-WS01-0003").ok());
  EXPECT_FALSE((*ledger)->Case(kA)->ecase_receipt_at.has_value());
  ProcessOutput audit = RunProgram({intake_.string(), "audit", "verify", "--spool", ws().string()},
                                   std::chrono::seconds(60));
  EXPECT_EQ(audit.exit_code, 0) << Show(audit);
}

}  // namespace
}  // namespace intake::paper
