// FolderImporter into a real case PageStore: every format, exactly once, resume after a
// failure, damaged and incomplete files moved to rejected/ with a reason, never deleted.
#include "capture/folder_importer.h"

#include <gtest/gtest.h>
#include <tiffio.h>

#include <fstream>

#include "capture/folder_import_ledger.h"
#include "capture/folder_import_page_store.h"
#include "capture/page_store.h"
#include "tests/capture/image_file_test_files.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
namespace files = intake::testing::files;
using intake::testing::TempDir;
using Kind = FolderImportOutcome::Kind;

// A sink that fails after `fail_after` stored pages, like a disk that fills up.
class FailingSink final : public ImportedPageSink {
 public:
  FailingSink(ImportedPageSink& real, int fail_after) : real_(real), left_(fail_after) {}
  Result<std::set<int>> StoredPages(const ImportSourceFile& s) override { return real_.StoredPages(s); }
  Status StorePage(const ImportSourceFile& s, const ImageFilePage& p) override {
    if (left_-- <= 0) return Status(Code::kResourceExhausted, "disk full (test)");
    return real_.StorePage(s, p);
  }
  std::string DestinationName() const override { return real_.DestinationName(); }

 private:
  ImportedPageSink& real_;
  int left_;
};

class FolderImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    watch_ = dir_.path() / "inbox";
    case_dir_ = dir_.path() / "20261123-WS01-0007";
    fs::create_directories(watch_);
    auto store = PageStore::Open(case_dir_);
    ASSERT_OK(store);
    store_ = std::make_unique<PageStore>(std::move(*store));
    sink_ = std::make_unique<PageStoreSink>(*store_, "file:inbox");
    auto importer = FolderImporter::Open({watch_, {}}, *sink_);
    ASSERT_OK(importer);
    importer_ = std::move(*importer);
  }
  std::vector<PageMetadata> Pages() {
    auto pages = store_->List();
    EXPECT_OK(pages);
    return pages.ok() ? *pages : std::vector<PageMetadata>{};
  }
  FolderImportOutcome Import(const std::string& name, bool final_attempt = true) {
    auto outcome = importer_->ImportFile(name, final_attempt);
    EXPECT_OK(outcome);
    return outcome.ok() ? *outcome : FolderImportOutcome{};
  }

  TempDir dir_;
  fs::path watch_, case_dir_;
  std::unique_ptr<PageStore> store_;
  std::unique_ptr<PageStoreSink> sink_;
  std::unique_ptr<FolderImporter> importer_;
};

TEST_F(FolderImporterTest, EveryFormatLandsInTheCaseInOrderAndMovesToDone) {
  const std::string jpeg = files::JpegWithDpi(files::TestPage(200, 280, 1), 300);
  files::WriteBytes(watch_ / "a.jpg", jpeg);
  ASSERT_TRUE(files::WriteTiff(watch_ / "b.tif",
                               {files::TestPage(200, 280, 2), files::TestPage(200, 280, 3)}, 200,
                               /*bilevel=*/true));
  files::WriteBytes(watch_ / "c.pdf", files::PdfOfJpegs({files::TestPage(300, 420, 4)}, 150));
  files::WriteBytes(watch_ / "d.png", files::PngWithDpi(files::TestPage(200, 280, 5), 300));

  for (const char* name : {"a.jpg", "b.tif", "c.pdf", "d.png"}) {
    FolderImportOutcome outcome = Import(name);
    EXPECT_EQ(outcome.kind, Kind::kImported) << name << ": " << outcome.problem.ToString();
    EXPECT_EQ(outcome.destination, "20261123-WS01-0007");
    EXPECT_TRUE(fs::exists(watch_ / "done" / name)) << name;
    EXPECT_FALSE(fs::exists(watch_ / name)) << name;
  }
  auto pages = Pages();
  ASSERT_EQ(pages.size(), 5u);
  const std::vector<std::string> expected_files = {"0001.jpg", "0002.png", "0003.png",
                                                   "0004.png", "0005.png"};
  const std::vector<std::string> expected_source = {"a.jpg", "b.tif", "b.tif", "c.pdf", "d.png"};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(pages[i].file, expected_files[i]);
    EXPECT_EQ(pages[i].source, "file");
    EXPECT_EQ(pages[i].device, "file:inbox");
    EXPECT_EQ(pages[i].settings["source_file"], expected_source[i]);
  }
  EXPECT_EQ(pages[1].settings["source_page"], "1");
  EXPECT_EQ(pages[2].settings["source_page"], "2");
  EXPECT_EQ(pages[2].settings["source_bits"], "1");
  EXPECT_EQ(pages[1].dpi, 200);
  EXPECT_EQ(pages[3].dpi, 300);  // the PDF rendered at the default 300 dpi
  EXPECT_EQ(pages[3].width, 600);
  // A single JPEG is kept byte for byte.
  EXPECT_EQ(files::ReadBytes(case_dir_ / "pages" / "0001.jpg"), jpeg);
  // A stored TIFF page decodes to what was scanned.
  auto reader = ImageFileReader::Open(case_dir_ / "pages" / "0003.png");
  ASSERT_OK(reader);
  auto page = (*reader)->ReadPage(0);
  ASSERT_OK(page);
  EXPECT_EQ(page->width, 200);
  EXPECT_EQ(importer_->ledger().size(), 4u);
}

TEST_F(FolderImporterTest, TheSameFileSentAgainIsNotImportedTwiceEvenAfterRestart) {
  const std::string pdf = files::PdfOfJpegs({files::TestPage(200, 280, 1)}, 100);
  files::WriteBytes(watch_ / "scan0001.pdf", pdf);
  EXPECT_EQ(Import("scan0001.pdf").kind, Kind::kImported);

  // Restart: a fresh importer reads the ledger back.
  importer_.reset();
  auto reopened = FolderImporter::Open({watch_, {}}, *sink_);
  ASSERT_OK(reopened);
  importer_ = std::move(*reopened);
  files::WriteBytes(watch_ / "scan0001.pdf", pdf);  // the scanner reuses the name
  files::WriteBytes(watch_ / "copy.pdf", pdf);
  for (const char* name : {"scan0001.pdf", "copy.pdf"}) {
    FolderImportOutcome again = Import(name);
    EXPECT_EQ(again.kind, Kind::kAlreadyImported) << name;
    EXPECT_EQ(again.destination, "20261123-WS01-0007");
    EXPECT_FALSE(fs::exists(watch_ / name));
  }
  EXPECT_EQ(Pages().size(), 1u);
  // Nothing overwritten in done/: three files, the first under its own name.
  EXPECT_TRUE(fs::exists(watch_ / "done" / "scan0001.pdf"));
  EXPECT_TRUE(fs::exists(watch_ / "done" / "scan0001-2.pdf"));
  EXPECT_TRUE(fs::exists(watch_ / "done" / "copy.pdf"));
}

TEST_F(FolderImporterTest, AnImportCutShortResumesWithoutDuplicatePages) {
  ASSERT_TRUE(files::WriteTiff(watch_ / "batch.tif",
                               {files::TestPage(100, 140, 1), files::TestPage(100, 140, 2),
                                files::TestPage(100, 140, 3)}, 300, false));
  {
    FailingSink full_disk(*sink_, 1);
    auto importer = FolderImporter::Open({watch_, {}}, full_disk);
    ASSERT_OK(importer);
    auto outcome = (*importer)->ImportFile("batch.tif", true);
    EXPECT_EQ(outcome.status().code(), Code::kResourceExhausted);
  }
  EXPECT_TRUE(fs::exists(watch_ / "batch.tif")) << "the file stays while the import is unfinished";
  EXPECT_EQ(Pages().size(), 1u);

  FolderImportOutcome outcome = Import("batch.tif");
  EXPECT_EQ(outcome.kind, Kind::kImported);
  EXPECT_EQ(outcome.pages_before, 1);
  EXPECT_EQ(outcome.pages_stored, 2);
  auto pages = Pages();
  ASSERT_EQ(pages.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(pages[i].settings["source_page"], std::to_string(i + 1));
}

TEST_F(FolderImporterTest, DamagedAndForeignFilesAreRejectedWithAReasonNeverDeleted) {
  std::string png = files::Encode(files::TestPage(200, 200, 1), ".png");
  for (std::size_t i = png.size() / 2; i < png.size() / 2 + 16; ++i) png[i] ^= 0x5a;
  files::WriteBytes(watch_ / "broken.png", png);
  files::WriteBytes(watch_ / "notes.txt", "not a scan\n");

  FolderImportOutcome broken = Import("broken.png");
  EXPECT_EQ(broken.kind, Kind::kRejected);
  EXPECT_EQ(broken.problem.code(), Code::kCorrupt);
  EXPECT_EQ(files::ReadBytes(watch_ / "rejected" / "broken.png"), png);
  std::string reason = files::ReadBytes(watch_ / "rejected" / "broken.png.reason.txt");
  EXPECT_NE(reason.find("damaged"), std::string::npos) << reason;
  EXPECT_NE(reason.find("пошкоджений"), std::string::npos) << reason;

  FolderImportOutcome foreign = Import("notes.txt");
  EXPECT_EQ(foreign.kind, Kind::kRejected);
  EXPECT_NE(foreign.message_uk.find("PNG, JPEG, TIFF чи PDF"), std::string::npos);
  EXPECT_TRUE(fs::exists(watch_ / "rejected" / "notes.txt.reason.txt"));
  EXPECT_TRUE(Pages().empty());
}

TEST_F(FolderImporterTest, AnIncompleteFileWaitsUntilTheFinalAttempt) {
  const std::string pdf = files::PdfOfJpegs({files::TestPage(200, 280, 1)}, 100);
  files::WriteBytes(watch_ / "half.pdf", pdf.substr(0, pdf.size() / 2));
  FolderImportOutcome early = Import("half.pdf", /*final_attempt=*/false);
  EXPECT_EQ(early.kind, Kind::kNotReady);
  EXPECT_TRUE(fs::exists(watch_ / "half.pdf"));
  EXPECT_TRUE(Pages().empty());

  FolderImportOutcome last = Import("half.pdf", /*final_attempt=*/true);
  EXPECT_EQ(last.kind, Kind::kRejected);
  EXPECT_TRUE(IsIncompleteFileError(last.problem)) << last.problem.ToString();
  EXPECT_NE(last.message_uk.find("неповний"), std::string::npos);
  EXPECT_TRUE(fs::exists(watch_ / "rejected" / "half.pdf"));
}

TEST_F(FolderImporterTest, ADamagedLaterPageKeepsTheEarlierPagesAndSaysSo) {
  const fs::path path = watch_ / "three.tif";
  ASSERT_TRUE(files::WriteTiff(path, {files::TestPage(120, 160, 1), files::TestPage(120, 160, 2),
                                      files::TestPage(120, 160, 3)}, 300, false));
  // Damage the compressed data of page 2 (its first strip).
  std::uint64_t offset = 0;
  {
    TIFF* tif = TIFFOpen(path.c_str(), "r");
    ASSERT_NE(tif, nullptr);
    ASSERT_TRUE(TIFFSetDirectory(tif, 1));
    offset = TIFFGetStrileOffset(tif, 0);
    TIFFClose(tif);
  }
  std::string bytes = files::ReadBytes(path);
  for (std::size_t i = offset; i < offset + 40; ++i) bytes[i] = '\x55';
  files::WriteBytes(path, bytes);

  FolderImportOutcome outcome = Import("three.tif");
  EXPECT_EQ(outcome.kind, Kind::kRejected) << outcome.problem.ToString();
  EXPECT_EQ(outcome.pages_stored, 1);
  EXPECT_EQ(Pages().size(), 1u);
  EXPECT_NE(outcome.message_uk.find("Сторінки 1–1"), std::string::npos) << outcome.message_uk;
  std::string reason = files::ReadBytes(watch_ / "rejected" / "three.tif.reason.txt");
  EXPECT_NE(reason.find("pages imported before the problem: 1"), std::string::npos) << reason;
}

TEST(FolderImportLedgerTest, SurvivesReopenAndIgnoresATornLastLine) {
  TempDir dir;
  const fs::path file = dir.path() / "state" / "imported.tsv";
  {
    auto ledger = FolderImportLedger::Open(file);
    ASSERT_OK(ledger);
    ASSERT_OK(ledger->Record("fp1", {"case-1", 3, "", "scan\t1.pdf"}));
  }
  { std::ofstream(file, std::ios::app) << "fp2\tcase-1\t2"; }  // power cut mid-append
  auto ledger = FolderImportLedger::Open(file);
  ASSERT_OK(ledger);
  ASSERT_NE(ledger->Find("fp1"), nullptr);
  EXPECT_EQ(ledger->Find("fp1")->pages, 3);
  EXPECT_EQ(ledger->Find("fp1")->file_name, "scan 1.pdf");
  EXPECT_EQ(ledger->Find("fp2"), nullptr);
  ASSERT_OK(ledger->Record("fp3", {"case-2", 1, "", "x.jpg"}));
  auto again = FolderImportLedger::Open(file);
  ASSERT_OK(again);
  EXPECT_NE(again->Find("fp3"), nullptr);
  EXPECT_EQ(again->size(), 2u);
}

TEST(FolderImporterNamesTest, PartialUploadsAndHiddenFilesAreNotCandidates) {
  EXPECT_TRUE(FolderImporter::IsCandidateName("scan0001.pdf"));
  EXPECT_TRUE(FolderImporter::IsCandidateName("IMG 2.JPG"));
  for (const char* name : {".hidden.pdf", "scan.pdf.part", "x.tmp", "y.filepart", "z.pdf~",
                           "~$doc.pdf", "a.pdf.reason.txt"}) {
    EXPECT_FALSE(FolderImporter::IsCandidateName(name)) << name;
  }
}

}  // namespace
}  // namespace intake::capture
