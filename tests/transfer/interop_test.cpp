// Interop with real peers from npm: our client against @tus/server + @tus/file-store, and
// tus-js-client against our receiver. The npm packages are installed into the build tree on
// first use; without node/npm or the registry the tests skip with the reason.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "core/file_util.h"
#include "tests/transfer/transfer_fixture.h"
#include "transfer/digest.h"

namespace intake::transfer {
namespace {

using intake::testing::BinaryDir;
using intake::testing::SourceDir;
using intake::testing::TempDir;
using namespace intake::transfer::testing;
namespace fs = std::filesystem;

// Installs the peers once into <build>/npm-transfer; "" when ready, else why not.
std::string PreparePeers(fs::path* dir) {
  *dir = BinaryDir() / "npm-transfer";
  for (const char* script : {"tus_node_server.mjs", "tus_js_upload.mjs"}) {
    fs::create_directories(*dir);
    std::error_code ec;
    fs::copy_file(SourceDir() / "tests/transfer/interop" / script, *dir / script,
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return "cannot copy " + std::string(script) + ": " + ec.message();
  }
  if (std::system("node --version >/dev/null 2>&1") != 0) return "node is not installed";
  // ctest runs tests in parallel processes: one installs, the others wait on the lock.
  std::string install = "cd '" + dir->string() +
                        "' && flock .install.lock sh -c '[ -d node_modules/@tus/server ] && "
                        "[ -d node_modules/tus-js-client ] || timeout 300 npm install --no-audit "
                        "--no-fund --silent @tus/server @tus/file-store tus-js-client' >/dev/null 2>&1";
  if (std::system(install.c_str()) != 0) return "npm install of @tus/server, tus-js-client failed (registry unreachable?)";
  return "";
}

// A child process with its stdout readable line by line; killed on destruction.
class Child {
 public:
  Child(const fs::path& cwd, std::vector<std::string> args) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      if (::chdir(cwd.c_str()) != 0) ::_exit(127);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_) std::fclose(out_);
  }
  std::string Line() {
    char buffer[4096];
    if (!out_ || !std::fgets(buffer, sizeof buffer, out_)) return "";
    std::string line(buffer);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
  }
  int Wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
};

TEST(InteropTest, OurClientAgainstNpmTusServer) {
  fs::path npm;
  std::string why = PreparePeers(&npm);
  if (!why.empty()) GTEST_SKIP() << why;
  TempDir dir;
  Child server(npm, {"node", "tus_node_server.mjs", (dir.path() / "store").string()});
  std::string line = server.Line();
  ASSERT_EQ(line.rfind("PORT ", 0), 0u) << "node server said: " << line;
  std::string url = "http://127.0.0.1:" + line.substr(5);
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 1'300'000, 8);
  TransferWorkerOptions options;
  options.require_receipt = false;  // a foreign tus server issues no receipts
  options.tus.chunk_size = 256 * 1024;
  options.tus.chunk_seconds = 0;  // several PATCHes against the foreign server
  auto worker = MakeWorker(dir.path() / "spool", url, {}, options);
  ASSERT_OK(worker->queue().Enqueue("C1", dir.path() / "c.pkg", 0, 0));
  ASSERT_OK(worker->DrainDue());
  auto p = **worker->queue().Get("C1");
  ASSERT_EQ(p.state, PackageState::kDelivered) << p.last_error;
  std::string id = p.upload_url.substr(p.upload_url.rfind('/') + 1);
  EXPECT_TRUE(ReadAll(dir.path() / "store" / id) == bytes) << "stored upload differs";
}

TEST(InteropTest, NpmTusJsClientAgainstOurReceiver) {
  fs::path npm;
  std::string why = PreparePeers(&npm);
  if (!why.empty()) GTEST_SKIP() << why;
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  std::string bytes = WriteRandomFile(dir.path() / "c.pkg", 900'000, 9);
  Child client(npm, {"node", "tus_js_upload.mjs", rx.url + "/files/", (dir.path() / "c.pkg").string(),
                     "C9", Sha256Hex(bytes)});
  std::string line = client.Line();
  EXPECT_EQ(client.Wait(), 0) << line;
  EXPECT_EQ(line.rfind("OK ", 0), 0u) << line;
  EXPECT_TRUE(ReadAll(dir.path() / "inbox/C9/package.bin") == bytes) << "filed package differs";
  EXPECT_TRUE(fs::exists(dir.path() / "inbox/C9/receipt.txt"));
}

}  // namespace
}  // namespace intake::transfer
