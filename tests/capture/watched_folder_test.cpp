// WatchedFolder with real inotify on a real folder: files written in pieces, written in several
// open/close rounds (as SMB servers do), renamed in, never finished, present before start.
#include "capture/watched_folder.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <tiffio.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "capture/folder_import_page_store.h"
#include "capture/page_store.h"
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

// Appends `bytes` to `path` with one open/write/close round.
void AppendRound(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

class WatchedFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    watch_ = dir_.path() / "inbox";
    fs::create_directories(watch_);
    auto store = PageStore::Open(dir_.path() / "case");
    ASSERT_OK(store);
    store_ = std::make_unique<PageStore>(std::move(*store));
    sink_ = std::make_unique<PageStoreSink>(*store_, "file:inbox");
  }
  void TearDown() override { StopWatching(); }

  void StartWatching(std::chrono::milliseconds settle, std::chrono::milliseconds give_up) {
    WatchedFolderOptions options;
    options.importer.watch_dir = watch_;
    options.settle = settle;
    options.give_up = give_up;
    auto folder = WatchedFolder::Open(options, *sink_, [this](const FolderImportOutcome& o) {
      std::lock_guard<std::mutex> lock(mutex_);
      outcomes_.push_back(o);
    });
    ASSERT_OK(folder);
    folder_ = std::move(*folder);
    thread_ = std::thread([this] { run_status_ = folder_->Run(); });
  }
  void StopWatching() {
    if (!thread_.joinable()) return;
    folder_->Stop();
    thread_.join();
    EXPECT_OK(run_status_);
    folder_.reset();
  }
  std::vector<FolderImportOutcome> Outcomes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return outcomes_;
  }
  // Waits up to `limit` for `count` outcomes.
  bool WaitForOutcomes(std::size_t count, std::chrono::milliseconds limit = 10s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (Outcomes().size() >= count) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  std::size_t PageCount() {
    auto pages = store_->List();
    return pages.ok() ? pages->size() : 0;
  }

  TempDir dir_;
  fs::path watch_;
  std::unique_ptr<PageStore> store_;
  std::unique_ptr<PageStoreSink> sink_;
  std::unique_ptr<WatchedFolder> folder_;
  std::thread thread_;
  Status run_status_;
  std::mutex mutex_;
  std::vector<FolderImportOutcome> outcomes_;
};

TEST_F(WatchedFolderTest, AFileWrittenInPiecesIsImportedOnceAfterItIsClosed) {
  StartWatching(/*settle=*/1500ms, /*give_up=*/20s);
  const std::string tiff_path = (dir_.path() / "src.tif").string();
  ASSERT_TRUE(files::WriteTiff(tiff_path, {files::TestPage(200, 260, 1), files::TestPage(200, 260, 2),
                                           files::TestPage(200, 260, 3)}, 300, false));
  const std::string bytes = files::ReadBytes(tiff_path);
  // One open file, written in three pieces with pauses: incomplete until closed.
  int fd = ::open((watch_ / "scan0001.tif").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  const std::size_t third = bytes.size() / 3;
  for (int piece = 0; piece < 3; ++piece) {
    const std::size_t len = piece == 2 ? bytes.size() - 2 * third : third;
    ASSERT_EQ(::write(fd, bytes.data() + piece * third, len), static_cast<ssize_t>(len));
    std::this_thread::sleep_for(300ms);
    if (piece < 2) {
      EXPECT_TRUE(Outcomes().empty()) << "acted on a file still open for writing";
      EXPECT_EQ(PageCount(), 0u);
    }
  }
  ::close(fd);
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  std::this_thread::sleep_for(300ms);
  auto outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].kind, Kind::kImported) << outcomes[0].problem.ToString();
  EXPECT_EQ(outcomes[0].page_count, 3);
  EXPECT_EQ(PageCount(), 3u);
  EXPECT_TRUE(fs::exists(watch_ / "done" / "scan0001.tif"));
}

TEST_F(WatchedFolderTest, AMultiPageTiffScannedPageByPageIsImportedWholeNotAfterPageOne) {
  // A scanner writing a multi-page TIFF as the pages come: after each page the file is a
  // valid TIFF of the pages so far, and the pause between sheets is longer than `settle`.
  // Only the closed file may be imported.
  {
    int probe = ::open((watch_ / ".probe").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    const FileWriters seen = CheckFileWriters(watch_ / ".probe");
    ::close(probe);
    if (seen != FileWriters::kOpen) GTEST_SKIP() << "file leases unavailable on this file system";
  }
  StartWatching(/*settle=*/200ms, /*give_up=*/20s);
  TIFF* tif = TIFFOpen((watch_ / "adf.tif").c_str(), "w");
  ASSERT_NE(tif, nullptr);
  for (int n = 1; n <= 3; ++n) {
    cv::Mat page = files::TestPage(160, 200, n);
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 160u);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 200u);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 200u);
    for (int y = 0; y < 200; ++y) ASSERT_GE(TIFFWriteScanline(tif, page.ptr(y), y, 0), 0);
    ASSERT_TRUE(TIFFWriteDirectory(tif));  // the page is on disk, the file stays open
    std::this_thread::sleep_for(500ms);     // the next sheet is being fed
    EXPECT_TRUE(Outcomes().empty()) << "acted on a TIFF still open after page " << n;
  }
  TIFFClose(tif);
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  auto outcomes = Outcomes();
  EXPECT_EQ(outcomes[0].kind, Kind::kImported);
  EXPECT_EQ(outcomes[0].page_count, 3);
  EXPECT_EQ(PageCount(), 3u);
}

TEST_F(WatchedFolderTest, SeveralWriteRoundsWithClosesAreWaitedForNotRejected) {
  // An SMB server closes the file between the client's writes: each round raises
  // IN_CLOSE_WRITE while the PDF is still incomplete.
  StartWatching(/*settle=*/1500ms, /*give_up=*/5s);
  const std::string pdf = files::PdfOfJpegs({files::TestPage(300, 400, 1), files::TestPage(300, 400, 2)}, 100);
  const std::size_t half = pdf.size() / 2;
  AppendRound(watch_ / "smb.pdf", std::string_view(pdf).substr(0, half));
  std::this_thread::sleep_for(600ms);
  EXPECT_TRUE(Outcomes().empty());
  EXPECT_TRUE(fs::exists(watch_ / "smb.pdf"));
  AppendRound(watch_ / "smb.pdf", std::string_view(pdf).substr(half));
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  auto outcomes = Outcomes();
  EXPECT_EQ(outcomes[0].kind, Kind::kImported) << outcomes[0].problem.ToString();
  EXPECT_EQ(PageCount(), 2u);
}

TEST_F(WatchedFolderTest, AFileRenamedIntoTheFolderIsImported) {
  StartWatching(1500ms, 20s);
  files::WriteBytes(watch_ / "upload.jpg.part", files::JpegWithDpi(files::TestPage(200, 260, 4), 300));
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(Outcomes().empty()) << "a .part upload is not a candidate";
  fs::rename(watch_ / "upload.jpg.part", watch_ / "upload.jpg");
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  EXPECT_EQ(Outcomes()[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderTest, AFileThatNeverCompletesIsRejectedOnceAfterGivingUp) {
  StartWatching(/*settle=*/300ms, /*give_up=*/1200ms);
  const std::string png = files::PngWithDpi(files::TestPage(300, 300, 5), 300);
  AppendRound(watch_ / "cut.png", std::string_view(png).substr(0, png.size() / 2));
  std::this_thread::sleep_for(700ms);
  EXPECT_TRUE(Outcomes().empty()) << "rejected before give_up";
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  std::this_thread::sleep_for(500ms);
  auto outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u) << "reported more than once";
  EXPECT_EQ(outcomes[0].kind, Kind::kRejected);
  EXPECT_TRUE(fs::exists(watch_ / "rejected" / "cut.png"));
  EXPECT_TRUE(fs::exists(watch_ / "rejected" / "cut.png.reason.txt"));
  EXPECT_EQ(PageCount(), 0u);
}

TEST_F(WatchedFolderTest, FilesLeftFromBeforeARestartAreImportedAndNotTwice) {
  const std::string jpeg = files::JpegWithDpi(files::TestPage(200, 260, 6), 300);
  files::WriteBytes(watch_ / "old1.jpg", jpeg);
  files::WriteBytes(watch_ / "old2.png", files::PngWithDpi(files::TestPage(200, 260, 7), 300));
  StartWatching(/*settle=*/200ms, 20s);
  ASSERT_TRUE(WaitForOutcomes(2, 5s));
  StopWatching();
  EXPECT_EQ(PageCount(), 2u);

  // Restart with the same file sent again: recognised, not stored twice.
  files::WriteBytes(watch_ / "again.jpg", jpeg);
  outcomes_.clear();
  StartWatching(200ms, 20s);
  ASSERT_TRUE(WaitForOutcomes(1, 5s));
  EXPECT_EQ(Outcomes()[0].kind, Kind::kAlreadyImported);
  EXPECT_EQ(PageCount(), 2u);
}

TEST_F(WatchedFolderTest, ImportOnceLeavesFreshFilesForLater) {
  files::WriteBytes(watch_ / "a.png", files::PngWithDpi(files::TestPage(100, 100, 1), 300));
  WatchedFolderOptions options;
  options.importer.watch_dir = watch_;
  options.settle = 1h;  // everything is "fresh"
  std::vector<FolderImportOutcome> seen;
  auto folder = WatchedFolder::Open(options, *sink_, [&](const FolderImportOutcome& o) { seen.push_back(o); });
  ASSERT_OK(folder);
  ASSERT_OK((*folder)->ImportOnce());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].kind, Kind::kNotReady);
  EXPECT_TRUE(fs::exists(watch_ / "a.png"));

  options.settle = 0ms;
  seen.clear();
  auto now = WatchedFolder::Open(options, *sink_, [&](const FolderImportOutcome& o) { seen.push_back(o); });
  ASSERT_OK(now);
  ASSERT_OK((*now)->ImportOnce());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].kind, Kind::kImported);
  EXPECT_EQ(PageCount(), 1u);
}

TEST_F(WatchedFolderTest, RemovingTheFolderEndsRunWithAClearError) {
  WatchedFolderOptions options;
  options.importer.watch_dir = watch_;
  auto folder = WatchedFolder::Open(options, *sink_, nullptr);
  ASSERT_OK(folder);
  Status status;
  std::thread runner([&] { status = (*folder)->Run(); });
  std::this_thread::sleep_for(100ms);
  fs::rename(watch_, dir_.path() / "moved-away");
  runner.join();
  EXPECT_EQ(status.code(), Code::kUnavailable);
  EXPECT_NE(status.message().find("removed or moved away"), std::string::npos);
}

}  // namespace
}  // namespace intake::capture
