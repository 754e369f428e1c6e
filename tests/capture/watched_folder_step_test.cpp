// WatchedFolder::ImportReady(), the non-blocking step intaked's worker calls on every tick:
// a file closed after writing is taken at the next step, long before `settle` (set to 30 s
// here, so only the inotify path can pass); one still open for writing is not; one that was
// already there when watching started waits for `settle`; a failing destination is reported
// by every step until the file goes through; a folder moved away ends the watch clearly.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "capture/folder_import_page_store.h"
#include "capture/page_store.h"
#include "capture/watched_folder.h"
#include "capture/watched_folder_writers.h"
#include "tests/capture/image_file_test_files.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
namespace files = intake::testing::files;
using intake::testing::TempDir;
using Kind = FolderImportOutcome::Kind;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Appends `bytes` to `path` with one open/write/close round.
void AppendBytes(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

// Fails every page while `failing` is set (a full disk), otherwise passes to `next`.
class FlakySink final : public ImportedPageSink {
 public:
  explicit FlakySink(ImportedPageSink& next) : next_(next) {}
  Result<std::set<int>> StoredPages(const ImportSourceFile& source) override {
    return next_.StoredPages(source);
  }
  Status StorePage(const ImportSourceFile& source, const ImageFilePage& page) override {
    if (failing) return IoError("no space left on the case disk");
    return next_.StorePage(source, page);
  }
  std::string DestinationName() const override { return next_.DestinationName(); }
  bool failing = false;

 private:
  ImportedPageSink& next_;
};

class WatchedFolderStepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    watch_ = dir_.path() / "inbox";
    fs::create_directories(watch_);
    auto store = PageStore::Open(dir_.path() / "case");
    ASSERT_OK(store);
    store_ = std::make_unique<PageStore>(std::move(*store));
    sink_ = std::make_unique<PageStoreSink>(*store_, "file:inbox");
    flaky_ = std::make_unique<FlakySink>(*sink_);
    png_ = files::PngWithDpi(files::TestPage(200, 260, 3), 300);
  }

  void Open(std::chrono::milliseconds settle) {
    WatchedFolderOptions options;
    options.importer.watch_dir = watch_;
    options.settle = settle;
    options.give_up = 60s;
    options.retry_after_error = 100ms;
    auto folder = WatchedFolder::Open(options, *flaky_,
                                      [this](const FolderImportOutcome& o) { outcomes_.push_back(o); });
    ASSERT_OK(folder);
    folder_ = std::move(*folder);
  }
  // Steps every 20 ms until an outcome is reported or `limit` passes.
  bool StepUntilOutcome(std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      EXPECT_OK(folder_->ImportReady());
      if (!outcomes_.empty()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  std::size_t PageCount() {
    auto pages = store_->List();
    return pages.ok() ? pages->size() : 0;
  }
  static bool LeasesWork(const fs::path& dir) {
    int probe = ::open((dir / ".probe").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    const FileWriters seen = CheckFileWriters(dir / ".probe");
    ::close(probe);
    fs::remove(dir / ".probe");
    return seen == FileWriters::kOpen;
  }

  TempDir dir_;
  fs::path watch_;
  std::unique_ptr<PageStore> store_;
  std::unique_ptr<PageStoreSink> sink_;
  std::unique_ptr<FlakySink> flaky_;
  std::unique_ptr<WatchedFolder> folder_;
  std::vector<FolderImportOutcome> outcomes_;
  std::string png_;
};

TEST_F(WatchedFolderStepTest, AFileClosedAfterWritingIsTakenByTheNextStepNotAfterSettle) {
  Open(/*settle=*/30s);
  ASSERT_OK(folder_->ImportReady());
  EXPECT_TRUE(outcomes_.empty());
  int fd = ::open((watch_ / "scan0001.png").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, png_.data(), png_.size()), static_cast<ssize_t>(png_.size()));
  ::close(fd);
  const auto closed = Clock::now();
  // Generous bound: anything far below `settle` proves the close event was used.
  ASSERT_TRUE(StepUntilOutcome(5s)) << "a closed file waited for settle";
  EXPECT_LT(Clock::now() - closed, 10s);
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported) << outcomes_[0].problem.ToString();
  EXPECT_EQ(PageCount(), 1u);
  EXPECT_TRUE(fs::exists(watch_ / "done" / "scan0001.png"));
  EXPECT_FALSE(fs::exists(watch_ / "scan0001.png"));
  // Imported once: later steps report nothing more.
  ASSERT_OK(folder_->ImportReady());
  EXPECT_EQ(outcomes_.size(), 1u);
}

TEST_F(WatchedFolderStepTest, AFileRenamedInIsTakenByTheNextStep) {
  Open(/*settle=*/30s);
  files::WriteBytes(dir_.path() / "upload.png", png_);
  fs::rename(dir_.path() / "upload.png", watch_ / "upload.png");
  ASSERT_TRUE(StepUntilOutcome(5s));
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderStepTest, AFileStillOpenForWritingIsNotTaken) {
  Open(/*settle=*/30s);
  // The whole image is written (it decodes) but the writer has not closed it.
  int fd = ::open((watch_ / "open.png").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, png_.data(), png_.size()), static_cast<ssize_t>(png_.size()));
  EXPECT_FALSE(StepUntilOutcome(1500ms)) << "took a file still open for writing";
  EXPECT_EQ(PageCount(), 0u);
  EXPECT_TRUE(fs::exists(watch_ / "open.png"));
  ::close(fd);
  ASSERT_TRUE(StepUntilOutcome(5s));
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderStepTest, AClosedFileAnotherWriterStillHoldsIsNotTaken) {
  if (!LeasesWork(watch_)) GTEST_SKIP() << "file leases unavailable on this file system";
  Open(/*settle=*/30s);
  // Two writers: one closes (IN_CLOSE_WRITE), the other still has the file open.
  int writer = ::open((watch_ / "shared.png").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(writer, 0);
  AppendBytes(watch_ / "shared.png", png_);
  EXPECT_FALSE(StepUntilOutcome(1s)) << "took a file another process still writes";
  EXPECT_EQ(PageCount(), 0u);
  ::close(writer);
  ASSERT_TRUE(StepUntilOutcome(5s));
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderStepTest, AFilePresentBeforeOpenWaitsForSettleAndIsThenTaken) {
  files::WriteBytes(watch_ / "left.png", png_);
  Open(/*settle=*/600ms);
  const auto first = Clock::now();
  ASSERT_OK(folder_->ImportReady());
  EXPECT_TRUE(outcomes_.empty()) << "a file seen only by looking must wait for settle";
  ASSERT_TRUE(StepUntilOutcome(10s));
  EXPECT_GE(Clock::now() - first, 600ms);
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
  EXPECT_TRUE(fs::exists(watch_ / "done" / "left.png"));
}

TEST_F(WatchedFolderStepTest, AFailingDestinationIsReportedByEveryStepUntilTheFileGoesThrough) {
  Open(/*settle=*/30s);
  flaky_->failing = true;
  files::WriteBytes(watch_ / "full.png", png_);
  Status step = folder_->ImportReady();
  EXPECT_EQ(step.code(), Code::kIoError) << step.ToString();
  EXPECT_EQ(folder_->ImportReady().code(), Code::kIoError) << "the error is not forgotten between tries";
  EXPECT_TRUE(fs::exists(watch_ / "full.png")) << "the file stays until it is stored";
  flaky_->failing = false;
  // The step that retries (after retry_after_error) stores it and reports OK again.
  const auto end = Clock::now() + 5s;
  while (outcomes_.empty() && Clock::now() < end) {
    step = folder_->ImportReady();
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_OK(step);
  EXPECT_EQ(outcomes_[0].kind, Kind::kImported);
  EXPECT_OK(folder_->ImportReady());
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderStepTest, AFolderMovedAwayEndsTheWatchWithAClearError) {
  Open(/*settle=*/30s);
  ASSERT_OK(folder_->ImportReady());
  fs::rename(watch_, dir_.path() / "moved-away");
  Status step = folder_->ImportReady();
  EXPECT_EQ(step.code(), Code::kUnavailable) << step.ToString();
  EXPECT_NE(step.message().find("removed or moved away"), std::string::npos);
  EXPECT_TRUE(folder_->folder_gone());
  EXPECT_EQ(folder_->ImportReady().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace intake::capture
