// The kiosk page itself, run in a browser DOM (jsdom from npm, installed into the build tree
// on first use; without node, npm or the registry the test skips with the reason) against
// the real intaked: the buttons post with the page's token and the screen shows the result.
#include <cstdlib>

#include "tests/workstation/daemon_site.h"
#include "workstation/kiosk_login.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using testing::BinaryDir;
using testing::DaemonSite;
using testing::SourceDir;

// Installs jsdom once into <build>/npm-kiosk; "" when ready, else why not.
std::string PrepareJsdom(fs::path* dir) {
  *dir = BinaryDir() / "npm-kiosk";
  fs::create_directories(*dir);
  std::error_code ec;
  fs::copy_file(SourceDir() / "tests/workstation/kiosk_page/kiosk_page_check.mjs",
                *dir / "kiosk_page_check.mjs", fs::copy_options::overwrite_existing, ec);
  if (ec) return "cannot copy kiosk_page_check.mjs: " + ec.message();
  if (std::system("node --version >/dev/null 2>&1") != 0) return "node is not installed";
  const std::string install = "cd '" + dir->string() +
                              "' && flock .install.lock sh -c '[ -d node_modules/jsdom ] || "
                              "timeout 300 npm install --no-audit --no-fund --silent jsdom@24' "
                              ">/dev/null 2>&1";
  if (std::system(install.c_str()) != 0) return "npm install jsdom failed (registry unreachable?)";
  return "";
}

TEST(KioskPageTest, OperatorScansFromThePageAndSeesTheResult) {
  fs::path npm;
  const std::string why = PrepareJsdom(&npm);
  if (!why.empty()) GTEST_SKIP() << why;
  DaemonSite site;
  site.WriteScript({site.UniformPage("a.pgm")});
  auto daemon = site.StartDaemon();
  const std::string url = "http://127.0.0.1:" + std::to_string(site.port()) + "/";
  auto out = testing::RunProgram(
      {"/bin/sh", "-c", "cd '" + npm.string() + "' && exec node kiosk_page_check.mjs " + url},
      std::chrono::seconds(90));
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err << daemon->Stderr();
  EXPECT_NE(out.out.find("OK"), std::string::npos) << out.out;
}

// With operators configured: the login panel first (a wrong PIN, the right one), then the desk,
// and "Вийти" brings the panel back.
TEST(KioskPageTest, OperatorLogsInOnThePageThenScans) {
  fs::path npm;
  const std::string why = PrepareJsdom(&npm);
  if (!why.empty()) GTEST_SKIP() << why;
  DaemonSite site;
  auto hash = HashOperatorPin("2468");
  ASSERT_OK(hash);
  site.mutable_config().operators = {{"olena-t", "Олена Т.", *hash}};
  site.SaveConfig();
  site.WriteScript({site.UniformPage("a.pgm")});
  auto daemon = site.StartDaemon();
  const std::string url = "http://127.0.0.1:" + std::to_string(site.port()) + "/";
  auto out = testing::RunProgram({"/bin/sh", "-c",
                                  "cd '" + npm.string() + "' && exec node kiosk_page_check.mjs " +
                                      url + " login"},
                                 std::chrono::seconds(90));
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err << daemon->Stderr();
  EXPECT_NE(out.out.find("OK"), std::string::npos) << out.out;
}

}  // namespace
}  // namespace intake
