#include "tests/workstation/daemon_site.h"

#include <fstream>
#include <thread>

#include "capture/sane_config.h"
#include "core/file_util.h"
#include "transfer/http_client.h"

namespace intake::testing {

namespace fs = std::filesystem;

DaemonSite::DaemonSite() {
  layout_.root = dir_.path() / "site";
  auto config = PrepareDemo(layout_, "http://127.0.0.1:9");  // no receiver needed
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  if (config.ok()) config_ = *config;
  fs::create_directories(watch_dir());
  fs::create_directories(script_dir());
  capture::SaneConfig sane;
  sane.backends = {"intaketest"};
  sane.backend_files["intaketest.conf"] = "script " + script_dir().string() + "\n";
  EXPECT_OK(capture::WriteSaneConfigDir(dir_.path() / "sane", sane));
  config_.scanner.device = "intaketest:0";
  config_.scanner.sane_config_dir = (dir_.path() / "sane").string();
  config_.scanner.source = "ADF Front";
  config_.scanner.mode = "Gray";
  config_.scanner.resolution = 300;
  config_.daemon.watch_dir = watch_dir();
  config_.daemon.buttons = {{"scan", "forms_simplex"}};
  config_.daemon.button_poll_ms = 200;
  config_.daemon.settle_ms = 300;
  config_.daemon.housekeeping_s = 2;
  port_ = FreeLoopbackPort();
  config_.daemon.kiosk_listen = "127.0.0.1:" + std::to_string(port_);
  SaveConfig();
  // SANE's dll backend finds libsane-intaketest.so.1 through LD_LIBRARY_PATH; the daemon
  // inherits it. OMP_THREAD_LIMIT spares intaked its re-exec (engine_pool.h).
  const char* old = std::getenv("LD_LIBRARY_PATH");
  const std::string lib = (BinaryDir() / "lib").string();
  if (!old || std::string(old).find(lib) == std::string::npos)
    ::setenv("LD_LIBRARY_PATH", (lib + (old ? ":" + std::string(old) : "")).c_str(), 1);
  ::setenv("OMP_THREAD_LIMIT", "1", 0);
}

void DaemonSite::SaveConfig() {
  EXPECT_OK(WriteFileAtomic(layout_.config_file(), WorkstationConfigToJson(config_), 0600));
}

void DaemonSite::WriteScript(const std::vector<fs::path>& feeder,
                             const std::vector<std::string>& directives) {
  std::string script;
  for (const auto& page : feeder) script += "page " + page.string() + "\n";
  for (const auto& d : directives) script += d + "\n";
  EXPECT_OK(WriteFileAtomic(script_dir() / "script", script));
}

void DaemonSite::PressButton(const std::string& button) {
  std::ofstream(script_dir() / "buttons", std::ios::app) << button << "\n";
}

fs::path DaemonSite::UniformPage(const std::string& name, int level) const {
  const int width = 850, height = 1100;  // A4-ish at 100 dpi, small and quick
  std::string pgm = "P5\n" + std::to_string(width) + " " + std::to_string(height) + "\n255\n";
  pgm.append(static_cast<size_t>(width) * height, static_cast<char>(level));
  fs::path path = dir_.path() / name;
  EXPECT_OK(WriteFileAtomic(path, pgm));
  return path;
}

fs::path DaemonSite::SamplePage(const std::string& name) {
  return fs::path(INTAKE_SAMPLES_DIR) / name;
}

std::unique_ptr<Subprocess> DaemonSite::StartDaemon(std::vector<std::string> extra_args) {
  std::vector<std::string> argv = {(fs::path(INTAKE_BIN_DIR) / "intaked").string(), "--config",
                                   layout_.config_file().string(), "--kiosk"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  auto daemon = std::make_unique<Subprocess>(argv, dir_.path() / "logs");
  EXPECT_TRUE(WaitForPort(port_, std::chrono::seconds(30)))
      << daemon->Stdout() << daemon->Stderr();
  token_.clear();
  return daemon;
}

ProcessOutput DaemonSite::RunIntaked(std::vector<std::string> args) {
  std::vector<std::string> argv = {(fs::path(INTAKE_BIN_DIR) / "intaked").string(), "--config",
                                   layout_.config_file().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProgram(argv, std::chrono::minutes(3));
}

namespace {
KioskAnswer Perform(const std::string& method, const std::string& url,
                    std::vector<std::string> headers, const std::string& body) {
  KioskAnswer answer;
  auto client = transfer::HttpClient::Create({});
  if (!client.ok()) return answer;
  transfer::HttpRequest request{method, url, std::move(headers), body};
  auto response = (*client)->Perform(request);
  if (!response.ok()) return answer;
  answer.status = response->status;
  try {
    answer.body = nlohmann::json::parse(response->body);
  } catch (const nlohmann::json::exception&) {
    answer.body = response->body;  // the HTML page
  }
  return answer;
}
}  // namespace

std::string DaemonSite::FetchToken() {
  if (!token_.empty()) return token_;
  KioskAnswer page = Get("/");
  const std::string html = page.body.is_string() ? page.body.get<std::string>() : "";
  const std::string marker = "data-token=\"";
  size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  size_t end = html.find('"', at + marker.size());
  token_ = html.substr(at + marker.size(), end - at - marker.size());
  return token_;
}

KioskAnswer DaemonSite::Get(const std::string& path) {
  return Perform("GET", "http://127.0.0.1:" + std::to_string(port_) + path, {}, "");
}

KioskAnswer DaemonSite::Post(const std::string& path, const std::string& body,
                             std::vector<std::string> headers, const std::string* token) {
  headers.push_back("X-Intake-Token: " + (token ? *token : FetchToken()));
  headers.push_back("Content-Type: application/json");
  return Perform("POST", "http://127.0.0.1:" + std::to_string(port_) + path, std::move(headers),
                 body);
}

bool DaemonSite::WaitStatus(const std::function<bool(const nlohmann::json&)>& done,
                            std::chrono::seconds timeout, nlohmann::json* last) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    KioskAnswer status = Get("/api/status");
    if (status.status == 200) {
      if (last) *last = status.body;
      if (done(status.body)) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string CaseId(const nlohmann::json& status) {
  return status["case"].is_object() ? status["case"]["case_id"].get<std::string>() : "";
}

int Pages(const nlohmann::json& status) {
  return status["case"].is_object() ? status["case"]["pages"].get<int>() : 0;
}

}  // namespace intake::testing
