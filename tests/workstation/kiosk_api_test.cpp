// The kiosk's JSON API against the real intaked: the desk's whole path (new case → scan →
// check → finish queues a package) and what it refuses (malformed, cross-site, foreign Host).
#include <signal.h>

#include "capture/page_store.h"
#include "tests/workstation/daemon_site.h"
#include "transfer/transfer_queue.h"
#include "workstation/workstation_ledger.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::seconds;
using testing::CaseId;
using testing::DaemonSite;
using testing::Pages;

bool Idle(const json& s) { return s["activity"] == "idle" && s["pending_requests"] == 0; }

TEST(KioskApiTest, NewCaseScanCheckFinishQueuesThePackage) {
  DaemonSite site;
  site.WriteScript({DaemonSite::SamplePage("page1_application.pnm")});
  auto daemon = site.StartDaemon();
  auto page = site.Get("/");
  ASSERT_EQ(page.status, 200);
  const std::string html = page.body.get<std::string>();
  for (const char* label : {"Нова справа", "Сканувати", "Завершити і надіслати"})
    EXPECT_NE(html.find(label), std::string::npos) << label;

  ASSERT_EQ(site.Post("/api/cases", "").status, 202);
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return !CaseId(s).empty() && Idle(s); },
                              seconds(20), &status))
      << status.dump() << daemon->Stderr();
  const std::string case_id = CaseId(status);
  EXPECT_EQ(Pages(status), 0);

  ASSERT_EQ(site.Post("/api/scan", R"({"profile": "forms_simplex"})").status, 202);
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return Pages(s) == 1 && Idle(s); }, seconds(30),
                              &status))
      << status.dump() << daemon->Stderr();
  EXPECT_EQ(CaseId(status), case_id);

  // "Перевірити": which fields validated, by name — never their values.
  ASSERT_EQ(site.Post("/api/check", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus(
      [](const json& s) { return Idle(s) && s["case"].is_object() && !s["case"]["checked"].empty(); },
      seconds(120), &status))
      << status.dump() << daemon->Stderr();
  const json& checked = status["case"]["checked"][0];
  EXPECT_EQ(checked["doc_type"], "application_form") << status.dump();
  bool rnokpp_valid = false;
  for (const auto& f : checked["fields"])
    if (f["name"] == "rnokpp") rnokpp_valid = f["valid"].get<bool>();
  EXPECT_TRUE(rnokpp_valid) << status.dump();
  const std::string shown = status.dump();
  for (const char* personal : {"Ковальчук", "3129403421", "UA233052990002600000012345678"})
    EXPECT_EQ(shown.find(personal), std::string::npos) << personal;

  ASSERT_EQ(site.Post("/api/finish", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return s["case"].is_null() && Idle(s); },
                              seconds(120), &status))
      << status.dump() << daemon->Stderr();
  ASSERT_FALSE(status["queue"].empty()) << status.dump();
  EXPECT_EQ(status["queue"][0]["case_id"], case_id);
  EXPECT_EQ(status["queue"][0]["state"], "queued");
  EXPECT_TRUE(status["fault"].get<std::string>().empty()) << status.dump();

  auto queue = transfer::TransferQueue::Open(site.config().queue_path());
  ASSERT_OK(queue);
  auto queued = (*queue)->Get(case_id);
  ASSERT_OK(queued);
  ASSERT_TRUE(queued->has_value());
  EXPECT_TRUE(fs::exists((*queued)->path));
  EXPECT_FALSE(fs::exists(site.case_dir(case_id))) << "plaintext stays only in the package";
  EXPECT_FALSE(fs::exists(site.config().spool_dir / "current-case"));
  auto ledger = OpenWorkstationLedger(site.config());
  ASSERT_OK(ledger);
  EXPECT_OK((*ledger)->Case(case_id));
}

TEST(KioskApiTest, MalformedAndCrossSiteRequestsAreRefused) {
  DaemonSite site;
  auto daemon = site.StartDaemon();
  struct Bad {
    const char* path;
    const char* body;
  };
  for (const Bad& bad : {Bad{"/api/scan", "not json"}, Bad{"/api/scan", "[1, 2]"},
                         Bad{"/api/scan", R"({"profile": 5})"},
                         Bad{"/api/scan", R"({"profile": "no_such_profile"})"},
                         Bad{"/api/cases/resume", "{}"},
                         Bad{"/api/cases/resume", R"({"case_id": "../../etc"})"}}) {
    auto answer = site.Post(bad.path, bad.body);
    EXPECT_EQ(answer.status, 400) << bad.path << " " << bad.body;
    ASSERT_TRUE(answer.body.is_object()) << bad.body;
    EXPECT_FALSE(answer.body["error"].get<std::string>().empty()) << bad.body;
    EXPECT_FALSE(answer.body["error_uk"].get<std::string>().empty()) << bad.body;
  }
  EXPECT_EQ(site.Post("/api/nothing", "{}").status, 404);

  // Cross-site: no token, a wrong token, a foreign Origin, a foreign Host (DNS rebinding).
  const std::string no_token, wrong_token = "00112233445566778899aabbccddeeff";
  EXPECT_EQ(site.Post("/api/cases", "{}", {}, &no_token).status, 403);
  EXPECT_EQ(site.Post("/api/cases", "{}", {}, &wrong_token).status, 403);
  EXPECT_EQ(site.Post("/api/cases", "{}", {"Origin: http://evil.example"}).status, 403);
  EXPECT_EQ(site.Post("/api/cases", "{}", {"Host: evil.example"}).status, 400);
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json&) { return true; }, seconds(5), &status));
  EXPECT_TRUE(status["case"].is_null()) << "a refused request must change nothing";
  EXPECT_TRUE(fs::is_empty(site.config().cases_dir()));
  // The right token from the page, with the page's own Origin, works.
  const std::string origin = "Origin: http://127.0.0.1:" + std::to_string(site.port());
  EXPECT_EQ(site.Post("/api/cases", "{}", {origin}).status, 202);
}

TEST(KioskApiTest, OpenCasesCanBeResumedAndListShowIdsOnly) {
  DaemonSite site;
  site.WriteScript({site.UniformPage("a.pgm")});
  auto daemon = site.StartDaemon();
  ASSERT_EQ(site.Post("/api/scan", "{}").status, 202);
  json status;
  ASSERT_TRUE(site.WaitStatus([](const json& s) { return Pages(s) == 1 && Idle(s); }, seconds(30),
                              &status))
      << status.dump() << daemon->Stderr();
  const std::string first = CaseId(status);
  ASSERT_EQ(site.Post("/api/cases", "{}").status, 202);
  ASSERT_TRUE(site.WaitStatus(
      [&](const json& s) { return !CaseId(s).empty() && CaseId(s) != first && Idle(s); },
      seconds(20), &status))
      << status.dump();
  ASSERT_EQ(status["open_cases"].size(), 1u) << status.dump();
  EXPECT_EQ(status["open_cases"][0]["case_id"], first);
  EXPECT_EQ(status["open_cases"][0]["pages"], 1);
  EXPECT_EQ(status["open_cases"][0].size(), 2u) << "ids and page counts only";
  ASSERT_EQ(site.Post("/api/cases/resume", json{{"case_id", first}}.dump()).status, 202);
  ASSERT_TRUE(site.WaitStatus([&](const json& s) { return CaseId(s) == first && Idle(s); },
                              seconds(20), &status))
      << status.dump();
  EXPECT_EQ(Pages(status), 1);
  // The empty case the operator left is gone; the one with a page stays.
  EXPECT_TRUE(status["open_cases"].empty()) << status.dump();
}

}  // namespace
}  // namespace intake

namespace intake {
namespace {

TEST(KioskApiTest, KioskRefusesToListenBeyondLoopback) {
  testing::DaemonSite site;
  auto out = site.RunIntaked({"--kiosk", "--listen", "0.0.0.0:8480"});
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.err.find("127.0.0.1 only"), std::string::npos) << out.err;
}

}  // namespace
}  // namespace intake
