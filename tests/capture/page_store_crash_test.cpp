// PageStore durability: a crash at any point while a page is being stored loses no page
// already stored and leaves no half page visible; a failing write, fsync or rename (a full or
// broken disk) fails that page cleanly; a page reported stored has been fsynced — image,
// metadata and folder — in an order that survives a power cut.
//
// Why this way: the store runs in a real child process (page_store_writer, the scan's own
// write path: PnmWriter + PageStore::Commit) and strace's fault injection
// (`-e inject=SYSCALL:signal=SIGKILL:when=K`, `...:error=ENOSPC`) kills it, or fails the call,
// exactly at its K-th write / pwrite64 / fsync / rename / openat / unlink / close. Every
// syscall of the protocol becomes a crash point, deterministically and without a test seam
// in the production code; SIGKILLs at random times would seldom land in the window between
// the two renames. A killed process keeps what the kernel has; a power cut also drops what
// was never fsynced, so PowerCutProtocol checks the syscall trace itself: before "stored N"
// is printed, the page's image and metadata were fsynced before the metadata's rename, and
// the pages folder was fsynced after both renames. The full-disk test uses a real tiny tmpfs.
// Skipped (with the reason) when strace cannot trace here or, for the tmpfs, mount is denied.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "capture/page_store.h"
#include "core/file_util.h"
#include "tests/capture/page_store_pattern.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "tests/support/tmpfs.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using intake::testing::ProcessOutput;
using intake::testing::RunProgram;
using intake::testing::TempDir;
using intake::testing::Tmpfs;
using namespace std::chrono_literals;

const char* kCrashSyscalls[] = {"openat", "write", "pwrite64", "fsync", "fdatasync",
                                "rename", "unlink", "close"};

std::string Writer() { return (intake::testing::BinaryDir() / "bin/page_store_writer").string(); }

bool StraceWorks() {
  return RunProgram({"/usr/bin/strace", "-o", "/dev/null", "/bin/true"}, 10s).exit_code == 0;
}

ProcessOutput RunWriter(const fs::path& case_dir, int pages, std::vector<std::string> strace = {}) {
  std::vector<std::string> argv;
  if (!strace.empty()) {
    argv = {"/usr/bin/strace", "-o", "/dev/null"};
    argv.insert(argv.end(), strace.begin(), strace.end());
  }
  argv.insert(argv.end(), {Writer(), case_dir.string(), std::to_string(pages)});
  return RunProgram(argv, 30s);
}

std::set<int> Reported(const std::string& out) {
  std::set<int> stored;
  std::istringstream in(out);
  std::string word;
  int n;
  while (in >> word)
    if (word == "stored" && in >> n) stored.insert(n);
  return stored;
}

// How often the writer makes each syscall when storing `pages` pages onto one stored page.
std::map<std::string, int> SyscallCounts(const fs::path& work, int pages) {
  const fs::path case_dir = work / "count", trace = work / "count.trace";
  EXPECT_EQ(RunWriter(case_dir, 1).exit_code, 0);
  std::string set = "trace=";
  for (const char* s : kCrashSyscalls) set += std::string(s) + ",";
  set.pop_back();
  ProcessOutput out = RunProgram({"/usr/bin/strace", "-o", trace.string(), "-e", set, Writer(),
                                  case_dir.string(), std::to_string(pages)}, 30s);
  EXPECT_EQ(out.exit_code, 0) << out.err;
  std::map<std::string, int> counts;
  auto text = ReadFile(trace);
  std::istringstream lines(text.ok() ? *text : "");
  std::string line;
  while (std::getline(lines, line)) {
    const size_t paren = line.find('(');
    if (paren != std::string::npos && line[0] != '+') ++counts[line.substr(0, paren)];
  }
  return counts;
}

// Checks one stored page file byte for byte against the pattern of its sequence number.
::testing::AssertionResult PageIsComplete(const fs::path& pages_dir, const PageMetadata& page) {
  auto bytes = ReadFile(pages_dir / page.file);
  if (!bytes.ok()) return ::testing::AssertionFailure() << page.file << " is missing";
  if (bytes->size() != page.bytes)
    return ::testing::AssertionFailure() << page.file << " has " << bytes->size()
                                         << " bytes, its JSON says " << page.bytes;
  const PatternSize size = PatternPageSize(page.sequence);
  std::istringstream header(*bytes);
  std::string magic;
  int width = 0, height = 0, maxval = 0;
  header >> magic >> width >> height >> maxval;
  const size_t pixels = static_cast<size_t>(size.width) * size.height;
  if (magic != "P5" || width != size.width || height != size.height || maxval != 255 ||
      bytes->size() < pixels)
    return ::testing::AssertionFailure() << page.file << " header is wrong";
  const size_t start = bytes->size() - pixels;
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x)
      if (static_cast<std::uint8_t>((*bytes)[start + static_cast<size_t>(y) * size.width + x]) !=
          ExpectedPagePixel(page.sequence, x, y))
        return ::testing::AssertionFailure() << page.file << " differs at " << x << "," << y;
  return ::testing::AssertionSuccess();
}

// What a reader sees right after the crash: pages 1..n, each complete, and every page the
// writer reported stored among them. Returns n.
int CheckReaderView(const fs::path& case_dir, const std::set<int>& reported,
                    const std::string& what) {
  SCOPED_TRACE(what);
  auto pages = PageStore::ListPages(case_dir);
  EXPECT_OK(pages);
  if (!pages.ok()) return 0;
  int n = 0;
  for (const PageMetadata& page : *pages) {
    EXPECT_EQ(page.sequence, ++n) << "pages are numbered without gaps";
    EXPECT_TRUE(PageIsComplete(case_dir / "pages", page));
  }
  for (int stored : reported) EXPECT_LE(stored, n) << "page " << stored << " was reported stored";
  return n;
}

// Only complete pages in the folder: NNNN.pnm + NNNN.json for 1..n, nothing else.
void ExpectOnlyCompletePages(const fs::path& case_dir, int n, const std::string& what) {
  std::set<std::string> names, expected;
  for (const auto& e : fs::directory_iterator(case_dir / "pages"))
    names.insert(e.path().filename().string());
  for (int i = 1; i <= n; ++i) {
    expected.insert(PageStem(i) + ".pnm");
    expected.insert(PageStem(i) + ".json");
  }
  EXPECT_EQ(names, expected) << what;
}

// The next writer recovers: it continues after page n and everything still checks out.
void ExpectRecovery(const fs::path& case_dir, int n, const std::string& what) {
  ProcessOutput next = RunWriter(case_dir, 1);
  EXPECT_EQ(next.exit_code, 0) << what << ": " << next.out;
  EXPECT_NE(next.out.find("opened next=" + std::to_string(n + 1)), std::string::npos)
      << what << ": " << next.out;
  EXPECT_EQ(CheckReaderView(case_dir, Reported(next.out), what + ", after recovery"), n + 1);
  ExpectOnlyCompletePages(case_dir, n + 1, what + ", after recovery");
}

class PageStoreCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Writer())) GTEST_SKIP() << "page_store_writer is not built";
    if (!StraceWorks()) GTEST_SKIP() << "strace is missing or cannot trace in this environment";
    // One page stored before every run: the page that must never be lost.
    template_ = dir_.path() / "template";
    ASSERT_EQ(RunWriter(template_, 1).exit_code, 0);
  }
  fs::path FreshCase(const std::string& name) {
    const fs::path case_dir = dir_.path() / name;
    fs::copy(template_, case_dir, fs::copy_options::recursive);
    return case_dir;
  }

  TempDir dir_;
  fs::path template_;
};

TEST_F(PageStoreCrashTest, KilledAtEverySyscallLosesNothingStoredAndShowsNoHalfPage) {
  const std::map<std::string, int> counts = SyscallCounts(dir_.path(), 2);
  ASSERT_GE(counts.count("fsync") + counts.count("fdatasync"), 1u);
  int runs = 0;
  for (const auto& [syscall, count] : counts) {
    for (int k = 1; k <= count; ++k, ++runs) {
      const std::string what = "killed at " + syscall + " #" + std::to_string(k);
      const fs::path case_dir = FreshCase("kill-" + syscall + "-" + std::to_string(k));
      ProcessOutput out = RunWriter(
          case_dir, 2, {"-e", "inject=" + syscall + ":signal=SIGKILL:when=" + std::to_string(k)});
      EXPECT_NE(out.exit_code, 0) << what << ": the writer was expected to die";
      const int n = CheckReaderView(case_dir, Reported(out.out), what);
      EXPECT_GE(n, 1) << what << ": the page stored before was lost";
      ExpectRecovery(case_dir, n, what);
      if (HasFailure()) return;  // one broken crash point is enough to read
      fs::remove_all(case_dir);
    }
  }
  EXPECT_GT(runs, 20);
}

TEST_F(PageStoreCrashTest, FailingWriteSyncOrRenameFailsThePageCleanly) {
  const std::map<std::string, int> counts = SyscallCounts(dir_.path(), 2);
  int failed_runs = 0;
  for (const auto& [syscall, error] : std::vector<std::pair<std::string, std::string>>{
           {"write", "ENOSPC"}, {"pwrite64", "ENOSPC"}, {"fsync", "EIO"},
           {"fdatasync", "EIO"}, {"rename", "EIO"}, {"openat", "EDQUOT"}}) {
    const auto it = counts.find(syscall);
    for (int k = 1; it != counts.end() && k <= it->second; ++k) {
      const std::string what = syscall + " #" + std::to_string(k) + " fails with " + error;
      const fs::path case_dir = FreshCase("fail-" + syscall + "-" + std::to_string(k));
      ProcessOutput out = RunWriter(
          case_dir, 2, {"-e", "inject=" + syscall + ":error=" + error + ":when=" + std::to_string(k)});
      const bool failed_a_page = out.out.find("failed") != std::string::npos;
      if (failed_a_page) {
        ++failed_runs;
        EXPECT_EQ(out.exit_code, 3) << what << ": " << out.out;
      }
      const int n = CheckReaderView(case_dir, Reported(out.out), what);
      EXPECT_GE(n, 1) << what;
      if (out.exit_code == 3 || out.exit_code == 0)
        ExpectOnlyCompletePages(case_dir, n, what + ": the writer cleaned up after itself");
      ExpectRecovery(case_dir, n, what);
      if (HasFailure()) return;
      fs::remove_all(case_dir);
    }
  }
  EXPECT_GT(failed_runs, 5) << "the injected failures never reached the store";
}

// Parses `strace -y -s 256` lines into (syscall, arguments).
struct TraceEvent {
  std::string call, args;
};

TEST_F(PageStoreCrashTest, PowerCutProtocolEveryReportedPageIsSyncedInOrder) {
  const fs::path case_dir = FreshCase("protocol"), trace = dir_.path() / "protocol.trace";
  ProcessOutput out = RunProgram({"/usr/bin/strace", "-y", "-s", "256", "-o", trace.string(),
                                  "-e", "trace=fsync,fdatasync,rename,renameat,renameat2,write",
                                  Writer(), case_dir.string(), "3"}, 30s);
  ASSERT_EQ(out.exit_code, 0) << out.err;
  auto text = ReadFile(trace);
  ASSERT_OK(text);
  std::vector<TraceEvent> events;
  const std::regex line_re(R"(^(\w+)\((.*)\)\s+= .*$)");
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, line_re)) events.push_back({m[1], m[2]});
  }
  const std::string pages_dir = fs::canonical(case_dir / "pages").string();
  for (int page = 2; page <= 4; ++page) {
    SCOPED_TRACE("page " + std::to_string(page));
    const std::string image = pages_dir + "/" + PageStem(page) + ".pnm";
    const std::string json = pages_dir + "/" + PageStem(page) + ".json";
    // Positions of the events that matter for this page.
    int json_rename = -1, image_rename = -1, reported = -1;
    std::string json_temp, image_partial;
    for (int i = 0; i < static_cast<int>(events.size()); ++i) {
      const TraceEvent& e = events[i];
      if (e.call.rfind("rename", 0) == 0 && e.args.find("\"" + json + "\"") != std::string::npos) {
        json_rename = i;
        json_temp = e.args.substr(e.args.find('"') + 1);
        json_temp = json_temp.substr(0, json_temp.find('"'));
      }
      if (e.call.rfind("rename", 0) == 0 && e.args.find("\"" + image + "\"") != std::string::npos) {
        image_rename = i;
        image_partial = e.args.substr(e.args.find('"') + 1);
        image_partial = image_partial.substr(0, image_partial.find('"'));
      }
      if (e.call == "write" && e.args.find("stored " + std::to_string(page) + "\\n") !=
                                   std::string::npos)
        reported = i;
    }
    ASSERT_GE(reported, 0);
    ASSERT_GE(json_rename, 0);
    ASSERT_GE(image_rename, 0);
    ASSERT_LT(json_rename, reported);
    auto synced = [&](const std::string& path, int from, int to) {
      for (int i = from; i < to; ++i) {
        const TraceEvent& e = events[i];
        if ((e.call == "fsync" || e.call == "fdatasync") &&
            e.args.find("<" + path + ">") != std::string::npos)
          return true;
      }
      return false;
    };
    const int page_start = [&] {  // after the previous page was reported
      for (int i = reported - 1; i >= 0; --i)
        if (events[i].call == "write" && events[i].args.find("stored ") != std::string::npos)
          return i;
      return 0;
    }();
    EXPECT_TRUE(synced(image_partial, page_start, json_rename) ||
                synced(image, page_start, json_rename))
        << "the image must be on disk before its JSON can appear";
    EXPECT_TRUE(synced(json_temp, page_start, json_rename))
        << "the JSON's content must be on disk before its name";
    EXPECT_TRUE(synced(pages_dir, std::max(json_rename, image_rename), reported))
        << "both renames must be on disk before the page is reported stored";
  }
}

TEST(PageStoreDiskFullTest, FullDiskFailsOnePageCleanlyAndTheBatchContinuesAfterSpaceIsFreed) {
  if (!fs::exists(Writer())) GTEST_SKIP() << "page_store_writer is not built";
  TempDir dir;
  Tmpfs disk(dir.path() / "disk", "2m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error() << ")";
  const fs::path case_dir = dir.path() / "disk/case";
  // Each page is ~300 KB: the disk fills within a few pages.
  ProcessOutput full = RunWriter(case_dir, 20);
  EXPECT_EQ(full.exit_code, 3) << full.out;
  EXPECT_NE(full.out.find("No space left"), std::string::npos) << full.out;
  const std::set<int> reported = Reported(full.out);
  ASSERT_FALSE(reported.empty());
  const int n = CheckReaderView(case_dir, reported, "disk full");
  EXPECT_EQ(n, *reported.rbegin()) << "the failed page must not be visible";
  ExpectOnlyCompletePages(case_dir, n, "the failed page was cleaned up");
  ASSERT_TRUE(disk.Resize("16m"));
  ExpectRecovery(case_dir, n, "space freed");
}

}  // namespace
}  // namespace intake::capture
