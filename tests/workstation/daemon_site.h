// DaemonSite: a workstation for tests of the real intaked process — keys, a spool, a
// workstation.json whose scanner is the test-only intaketest SANE backend (private
// SANE_CONFIG_DIR, scripted feeder and buttons), a watched folder, and a kiosk on a free
// 127.0.0.1 port; plus an HTTP client for the kiosk API.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "workstation/demo_setup.h"
#include "workstation/workstation_config.h"

namespace intake::testing {

struct KioskAnswer {
  long status = 0;
  nlohmann::json body;
};

// From the kiosk's /api/status answer: the current case's id ("" when none) and page count.
std::string CaseId(const nlohmann::json& status);
int Pages(const nlohmann::json& status);

class DaemonSite {
 public:
  DaemonSite();

  const WorkstationConfig& config() const { return config_; }
  const std::filesystem::path& root() const { return dir_.path(); }
  std::filesystem::path watch_dir() const { return dir_.path() / "inbox"; }
  std::filesystem::path script_dir() const { return dir_.path() / "intaketest"; }
  std::filesystem::path case_dir(const std::string& id) const {
    return config_.cases_dir() / id;
  }
  int port() const { return port_; }

  // Rewrites workstation.json (after changing config()).
  void SaveConfig();
  WorkstationConfig& mutable_config() { return config_; }

  // The intaketest script: feeder pages and extra directives ("hang_at 2").
  void WriteScript(const std::vector<std::filesystem::path>& feeder,
                   const std::vector<std::string>& directives = {});
  void PressButton(const std::string& button);
  // A uniform gray PGM (a nearly blank page: flagged by the page checks).
  std::filesystem::path UniformPage(const std::string& name, int level = 235) const;
  // A sample applicant page rendered in the build (for tests that recognise).
  static std::filesystem::path SamplePage(const std::string& name);

  // Starts intaked (daemon mode, --kiosk) and waits for the kiosk port.
  std::unique_ptr<Subprocess> StartDaemon(std::vector<std::string> extra_args = {});
  ProcessOutput RunIntaked(std::vector<std::string> args);

  // Kiosk API. Post() sends the page's token unless `token` is given.
  std::string FetchToken();
  KioskAnswer Get(const std::string& path);
  KioskAnswer Post(const std::string& path, const std::string& body,
                   std::vector<std::string> headers = {}, const std::string* token = nullptr);
  // Polls /api/status until `done` holds (true) or the timeout passes (false).
  bool WaitStatus(const std::function<bool(const nlohmann::json&)>& done,
                  std::chrono::seconds timeout, nlohmann::json* last = nullptr);

 private:
  TempDir dir_;
  DemoLayout layout_;
  WorkstationConfig config_;
  int port_ = 0;
  std::string token_;
};

}  // namespace intake::testing
