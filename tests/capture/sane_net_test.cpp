// A scanner shared by saned (sane-utils) on 127.0.0.1 and reached through SANE's net backend
// works like a local one: options, constraints and an ADF batch into the page store.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "capture/batch_scanner.h"
#include "capture/sane_config.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "capture/scanner.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
constexpr int kSanePort = 6566;  // the net backend of libsane1 1.2.1 always dials sane-port

bool PortAnswers() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(kSanePort);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// saned in standalone mode with its own config dir (dll.conf: test), killed on destruction.
class Saned {
 public:
  explicit Saned(const fs::path& config_dir) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setenv("SANE_CONFIG_DIR", config_dir.c_str(), 1);
      ::execl("/usr/sbin/saned", "saned", "-l", "-e", "-d", "0", "-b", "127.0.0.1", "-p",
              std::to_string(kSanePort).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Saned() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // True once saned accepts connections; false if it exited (e.g. the port is taken).
  bool WaitReady() {
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (PortAnswers()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    return false;
  }

 private:
  pid_t pid_ = -1;
};

TEST(SaneNetTest, SanedSharedScannerScansAnAdfBatch) {
  if (!fs::exists("/usr/sbin/saned")) GTEST_SKIP() << "saned (sane-utils) is not installed";
  if (PortAnswers()) GTEST_SKIP() << "port " << kSanePort << " on 127.0.0.1 is already in use";
  intake::testing::TempDir dir;
  ASSERT_OK(testing::UsePrivateSaneConfig());
  SaneConfig server;
  server.backends = {"test"};
  server.backend_files["saned.conf"] = "127.0.0.1\n";
  ASSERT_OK(WriteSaneConfigDir(dir.path() / "saned", server));
  Saned saned(dir.path() / "saned");
  if (!saned.WaitReady()) GTEST_SKIP() << "saned could not listen on 127.0.0.1:" << kSanePort;

  auto session = SaneSession::Open();
  ASSERT_OK(session);
  auto devices = (*session)->ListDevices(false);
  ASSERT_OK(devices);
  bool listed = false;
  for (const auto& d : *devices) listed |= d.name == "net:127.0.0.1:test:0";
  EXPECT_TRUE(listed);

  auto scanner = Scanner::Open(**session, "net:127.0.0.1:test:0",
                               {{"source", "adf"}, {"resolution", "50"}, {"br-x", "30"},
                                {"br-y", "40"}, {"test-picture", "Grid"}});
  ASSERT_OK(scanner);
  // Constraints travel over the wire too.
  auto bad = (*scanner)->device().SetOption("depth", "12");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("1|8|16"), std::string::npos);
  auto store = PageStore::Open(dir.path() / "case");
  ASSERT_OK(store);
  BatchResult batch = (*scanner)->ScanBatch(*store, {});
  ASSERT_FALSE(batch.fault) << batch.fault->log_message;
  EXPECT_TRUE(batch.feeder_empty);
  ASSERT_EQ(batch.pages.size(), 10u);
  EXPECT_EQ(batch.pages[0].device, "net:127.0.0.1:test:0");
  EXPECT_EQ(batch.pages[0].width, 59);  // 30 mm at 50 dpi
}

}  // namespace
}  // namespace intake::capture
