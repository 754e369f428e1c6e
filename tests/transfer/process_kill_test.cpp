// The real programs: intake-transferd killed with SIGKILL mid-upload, then started again:
// it resumes the stored upload and the case arrives once, bit-identical.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "tests/transfer/loopback_proxy.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer {
namespace {

using intake::testing::BinaryDir;
using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

pid_t Spawn(const std::vector<std::string>& args) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(ProcessKillTest, TransferdKilledMidUploadResumesAfterRestart) {
  fs::path transferd = BinaryDir() / "bin/intake-transferd";
  if (!fs::exists(transferd)) GTEST_SKIP() << "intake-transferd not built";
  TempDir tmp;
  auto rx = StartReceiver(tmp.path());
  ASSERT_TRUE(rx.receiver);
  auto ws = MakeKeys(tmp.path() / "ws-keys", "workstation");
  ASSERT_OK(ws.TrustBackOffice(rx.receiver->keys().identity()));
  constexpr size_t kSize = 3'000'000;
  std::string bytes = WriteRandomFile(tmp.path() / "spool/C7.pkg", kSize, 5);
  {
    auto queue = TransferQueue::Open(tmp.path() / "spool/transfer-queue.db");
    ASSERT_OK(queue);
    ASSERT_OK((*queue)->Enqueue("C7", tmp.path() / "spool/C7.pkg", 0, 0));
  }
  auto run = [&](const std::string& url) {
    return Spawn({transferd.string(), "--spool", (tmp.path() / "spool").string(), "--receiver", url,
                  "--keys", (tmp.path() / "ws-keys").string(), "--chunk", "262144", "--once",
                  "--retry-initial", "0"});
  };
  {
    LoopbackProxy slow(rx.receiver->port(), {.bits_per_second = 8'000'000});  // ~3 s for the file
    pid_t pid = run(slow.url());
    // Kill once the upload is well under way (robust to a slow, loaded machine).
    for (int i = 0; i < 400 && slow.client_bytes() < 600'000; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_GE(slow.client_bytes(), 600'000) << "the upload did not start";
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    EXPECT_EQ(Wait(pid), 128 + SIGKILL);
  }
  auto queue = TransferQueue::Open(tmp.path() / "spool/transfer-queue.db");
  ASSERT_OK(queue);
  auto p = **(*queue)->Get("C7");
  EXPECT_NE(p.state, PackageState::kDelivered);
  ASSERT_FALSE(p.upload_url.empty()) << "the upload URL was stored before any byte was sent";
  EXPECT_FALSE(fs::exists(tmp.path() / "inbox/C7"));

  LoopbackProxy counting(rx.receiver->port(), {});
  EXPECT_EQ(Wait(run(counting.url())), 0);
  p = **(*queue)->Get("C7");
  EXPECT_EQ(p.state, PackageState::kDelivered) << p.last_error;
  EXPECT_TRUE(ReadAll(tmp.path() / "inbox/C7/package.bin") == bytes) << "content differs";
  EXPECT_LT(counting.client_bytes(), static_cast<int64_t>(kSize) - 500'000)
      << "the restarted daemon resumed instead of starting over";
}

}  // namespace
}  // namespace intake::transfer
