// Operator login on the kiosk against the real intaked over real HTTP: with operators
// configured every action needs a logged-in operator (401 otherwise), wrong PINs are refused
// and lock logins out after five in a row, the right PIN opens cases that carry the operator's
// id, logout and the idle timeout end the session, the status never shows a PIN hash, and a
// scanner-button scan with nobody logged in opens no case. Also `intake operators hash`.
#include <signal.h>

#include <thread>

#include "core/case_record.h"
#include "core/file_util.h"
#include "tests/workstation/daemon_site.h"
#include "workstation/kiosk_login.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;
using testing::CaseId;
using testing::DaemonSite;

bool Idle(const json& s) { return s["activity"] == "idle" && s["pending_requests"] == 0; }

// Two operators with PINs 2468 and 1357.
void ConfigureOperators(DaemonSite& site, int idle_s = 900) {
  auto olena = HashOperatorPin("2468");
  auto petro = HashOperatorPin("1357");
  ASSERT_OK(olena);
  ASSERT_OK(petro);
  site.mutable_config().operators = {{"olena-t", "Олена Т.", *olena}, {"petro-k", "Петро К.", *petro}};
  site.mutable_config().daemon.login_idle_s = idle_s;
  site.SaveConfig();
}

std::string Login(const std::string& id, const std::string& pin) {
  return json{{"operator", id}, {"pin", pin}}.dump();
}

TEST(KioskLoginTest, ActionsNeedALoginAndTheCaseCarriesTheOperator) {
  DaemonSite site;
  ConfigureOperators(site);
  auto daemon = site.StartDaemon();
  auto status = site.Get("/api/status");
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.body["login"]["required"], true) << status.body.dump();
  EXPECT_TRUE(status.body["login"]["operator"].is_null());
  ASSERT_EQ(status.body["login"]["operators"].size(), 2u);
  EXPECT_EQ(status.body["login"]["operators"][0]["name"], "Олена Т.");

  for (const char* path : {"/api/cases", "/api/cases/resume", "/api/scan", "/api/scan/cancel",
                           "/api/check", "/api/finish"}) {
    auto answer = site.Post(path, "{}");
    EXPECT_EQ(answer.status, 401) << path;
    ASSERT_TRUE(answer.body.is_object()) << path;
    EXPECT_FALSE(answer.body["error"].get<std::string>().empty()) << path;
    EXPECT_FALSE(answer.body["error_uk"].get<std::string>().empty()) << path;
  }
  auto wrong = site.Post("/api/login", Login("olena-t", "1357"));
  EXPECT_EQ(wrong.status, 401) << wrong.body.dump();
  EXPECT_NE(wrong.body["error_uk"].get<std::string>().find("PIN"), std::string::npos);
  EXPECT_EQ(site.Post("/api/login", Login("nobody", "2468")).status, 400);
  EXPECT_EQ(site.Post("/api/cases", "{}").status, 401) << "a wrong PIN logs nobody in";
  EXPECT_TRUE(fs::is_empty(site.config().cases_dir()));

  auto right = site.Post("/api/login", Login("olena-t", "2468"));
  ASSERT_EQ(right.status, 200) << right.body.dump();
  EXPECT_EQ(right.body["operator"]["id"], "olena-t");
  status = site.Get("/api/status");
  EXPECT_EQ(status.body["login"]["operator"]["id"], "olena-t") << status.body.dump();
  EXPECT_EQ(status.body["login"]["operator"]["name"], "Олена Т.");
  const std::string shown = status.body.dump();
  EXPECT_EQ(shown.find("argon2"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(site.config().operators[0].pin_hash), std::string::npos);

  ASSERT_EQ(site.Post("/api/cases", "{}").status, 202);
  json s;
  ASSERT_TRUE(site.WaitStatus([](const json& j) { return !CaseId(j).empty() && Idle(j); },
                              seconds(20), &s))
      << s.dump() << daemon->Stderr();
  auto text = ReadFile(site.case_dir(CaseId(s)) / "case.json");
  ASSERT_OK(text);
  auto record = ParseCaseRecord(*text);
  ASSERT_OK(record);
  EXPECT_EQ(record->operator_id, "olena-t");
  // The log names the operator by id; never the PIN or its hash.
  const std::string log = daemon->Stderr();
  EXPECT_NE(log.find("olena-t"), std::string::npos) << log;
  EXPECT_EQ(log.find("2468"), std::string::npos) << log;
  EXPECT_EQ(log.find("argon2"), std::string::npos) << log;

  ASSERT_EQ(site.Post("/api/logout", "{}").status, 200);
  EXPECT_EQ(site.Post("/api/cases", "{}").status, 401);
  EXPECT_TRUE(site.Get("/api/status").body["login"]["operator"].is_null());
  // The token check still comes first.
  const std::string no_token;
  EXPECT_EQ(site.Post("/api/login", Login("olena-t", "2468"), {}, &no_token).status, 403);
}

TEST(KioskLoginTest, FiveWrongPinsLockLoginsOut) {
  DaemonSite site;
  ConfigureOperators(site);
  auto daemon = site.StartDaemon();
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(site.Post("/api/login", Login("petro-k", "0000")).status, 401) << i;
  auto fifth = site.Post("/api/login", Login("petro-k", "0000"));
  EXPECT_EQ(fifth.status, 429) << fifth.body.dump();
  // Even the right PIN is refused during the lockout, with the wait in the message.
  auto right = site.Post("/api/login", Login("petro-k", "1357"));
  EXPECT_EQ(right.status, 429) << right.body.dump();
  const std::string uk = right.body["error_uk"].get<std::string>();
  EXPECT_NE(uk.find("Зачекайте"), std::string::npos) << uk;
  EXPECT_NE(uk.find(" с "), std::string::npos) << uk;
  EXPECT_EQ(site.Post("/api/cases", "{}").status, 401);
  EXPECT_TRUE(site.Get("/api/status").body["login"]["operator"].is_null());
}

TEST(KioskLoginTest, TheSessionEndsAfterTheIdleTimeout) {
  DaemonSite site;
  ConfigureOperators(site, 2);
  auto daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/login", Login("petro-k", "1357")).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(site.Post("/api/cases", "{}").status, 202) << "an action within the timeout works";
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(site.Post("/api/scan/cancel", "{}").status, 202) << "the action restarted the clock";
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_TRUE(site.Get("/api/status").body["login"]["operator"].is_null());
  EXPECT_EQ(site.Post("/api/check", "{}").status, 401);
}

TEST(KioskLoginTest, AScannerButtonWithNobodyLoggedInOpensNoCase) {
  DaemonSite site;
  ConfigureOperators(site);
  site.WriteScript({site.UniformPage("a.pgm")});
  auto daemon = site.StartDaemon();
  json s;
  ASSERT_TRUE(site.WaitStatus([](const json& j) { return j["scanner_ready"] == true; }, seconds(20), &s))
      << s.dump() << daemon->Stderr();
  site.PressButton("scan");
  ASSERT_TRUE(site.WaitStatus(
      [](const json& j) { return j["fault"].get<std::string>().find("увійдіть") != std::string::npos; },
      seconds(20), &s))
      << s.dump() << daemon->Stderr();
  EXPECT_TRUE(s["case"].is_null()) << s.dump();
  EXPECT_TRUE(fs::is_empty(site.config().cases_dir()));
}

TEST(KioskLoginTest, AWatchedFileWaitsForALoginBeforeACaseIsOpened) {
  DaemonSite site;
  ConfigureOperators(site);
  auto daemon = site.StartDaemon();
  fs::path page = site.UniformPage("scan0001.pgm", 200);
  fs::rename(page, site.watch_dir() / "scan0001.pnm");
  json s;
  ASSERT_TRUE(site.WaitStatus(
      [](const json& j) { return j["fault"].get<std::string>().find("увійдіть") != std::string::npos; },
      seconds(20), &s))
      << s.dump() << daemon->Stderr();
  EXPECT_TRUE(s["case"].is_null()) << s.dump();
  EXPECT_TRUE(fs::exists(site.watch_dir() / "scan0001.pnm")) << "the file waits in the folder";
  ASSERT_EQ(site.Post("/api/login", Login("petro-k", "1357")).status, 200);
  ASSERT_TRUE(site.WaitStatus([](const json& j) { return testing::Pages(j) == 1; }, seconds(30), &s))
      << s.dump() << daemon->Stderr();
  auto record = ParseCaseRecord(*ReadFile(site.case_dir(CaseId(s)) / "case.json"));
  ASSERT_OK(record);
  EXPECT_EQ(record->operator_id, "petro-k");
}

TEST(KioskLoginTest, WithoutOperatorsTheKioskNeedsNoLogin) {
  DaemonSite site;
  auto daemon = site.StartDaemon();
  auto status = site.Get("/api/status");
  EXPECT_EQ(status.body["login"]["required"], false) << status.body.dump();
  EXPECT_EQ(site.Post("/api/login", Login("operator-1", "1234")).status, 400);
  ASSERT_EQ(site.Post("/api/cases", "{}").status, 202);
  json s;
  ASSERT_TRUE(site.WaitStatus([](const json& j) { return !CaseId(j).empty() && Idle(j); },
                              seconds(20), &s));
  auto record = ParseCaseRecord(*ReadFile(site.case_dir(CaseId(s)) / "case.json"));
  ASSERT_OK(record);
  EXPECT_EQ(record->operator_id, site.config().operator_id);
}

TEST(KioskLoginTest, OperatorsHashPrintsAHashThatVerifiesThePin) {
  const std::string intake = std::string(INTAKE_BIN_DIR) + "/intake";
  auto out = testing::RunProgram({"/bin/sh", "-c", "printf '4321\\n' | '" + intake + "' operators hash"},
                                 std::chrono::seconds(30));
  ASSERT_EQ(out.exit_code, 0) << out.out << out.err;
  std::string hash = out.out;
  while (!hash.empty() && hash.back() == '\n') hash.pop_back();
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("4321"), std::string::npos);
  EXPECT_TRUE(VerifyOperatorPin(hash, "4321"));
  EXPECT_FALSE(VerifyOperatorPin(hash, "4322"));
  // The whole entry, ready for the config's "operators" list, and a config that takes it.
  out = testing::RunProgram({"/bin/sh", "-c", "printf '4321' | '" + intake +
                                                  "' operators hash --id olena-t --name 'Олена Т.'"},
                            std::chrono::seconds(30));
  ASSERT_EQ(out.exit_code, 0) << out.err;
  json entry = json::parse(out.out);
  EXPECT_EQ(entry["id"], "olena-t");
  EXPECT_TRUE(VerifyOperatorPin(entry["pin_hash"].get<std::string>(), "4321"));
  auto config = ParseWorkstationConfig(json{{"operators", json::array({entry})}}.dump());
  ASSERT_OK(config);
  EXPECT_EQ(config->operators.at(0).name, "Олена Т.");
  // A PIN in the config instead of a hash is refused; so is a too-short PIN.
  EXPECT_FALSE(ParseWorkstationConfig(R"({"operators": [{"id": "a", "pin_hash": "1234"}]})").ok());
  out = testing::RunProgram({"/bin/sh", "-c", "printf '12' | '" + intake + "' operators hash"},
                            std::chrono::seconds(30));
  EXPECT_EQ(out.exit_code, 1) << out.out;
}

}  // namespace
}  // namespace intake
