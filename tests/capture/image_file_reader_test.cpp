// ImageFileReader on real PNG, JPEG, TIFF and PDF files written by the real libraries, and on
// the broken files a front desk meets: truncated, damaged, empty, not an image at all.
#include "capture/image_file_reader.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/image_file_reader_cv.h"
#include "tests/capture/image_file_test_files.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace files = intake::testing::files;
using intake::testing::TempDir;

cv::Mat AsMat(const ImageFilePage& page) { return ImageFilePageToMat(page); }

double MeanAbsDiff(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  return cv::mean(diff)[0];
}

class ImageFileReaderTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& name, const std::string& bytes) {
    auto path = dir_.path() / name;
    files::WriteBytes(path, bytes);
    return path;
  }
  Result<ImageFilePage> ReadOnly(const std::filesystem::path& path, int index = 0,
                                 ImageFileOptions options = {}) {
    auto reader = ImageFileReader::Open(path, options);
    if (!reader.ok()) return reader.status();
    return (*reader)->ReadPage(index);
  }
  TempDir dir_;
};

TEST_F(ImageFileReaderTest, GrayPngIsExactAndKeepsItsResolution) {
  cv::Mat page = files::TestPage(400, 300, 1);
  auto path = Write("scan.png", files::PngWithDpi(page, 200));
  auto reader = ImageFileReader::Open(path);
  ASSERT_OK(reader);
  EXPECT_EQ((*reader)->format(), ImageFileFormat::kPng);
  EXPECT_EQ((*reader)->page_count(), 1);
  auto decoded = (*reader)->ReadPage(0);
  ASSERT_OK(decoded);
  EXPECT_EQ(decoded->channels, 1);
  EXPECT_EQ(decoded->width, 400);
  EXPECT_EQ(decoded->height, 300);
  EXPECT_TRUE(decoded->dpi_from_file);
  EXPECT_NEAR(decoded->dpi_x, 200, 0.1);
  EXPECT_EQ(cv::norm(AsMat(*decoded), page, cv::NORM_INF), 0);
}

TEST_F(ImageFileReaderTest, PngWithAlphaIsLaidOverWhiteAsRgb) {
  cv::Mat bgra(20, 30, CV_8UC4, cv::Scalar(0, 0, 255, 255));  // opaque red
  bgra(cv::Rect(0, 0, 10, 20)).setTo(cv::Scalar(0, 0, 0, 0)); // transparent
  auto path = Write("alpha.png", files::Encode(bgra, ".png"));
  auto page = ReadOnly(path);
  ASSERT_OK(page);
  ASSERT_EQ(page->channels, 3);
  const std::uint8_t* row = page->bytes.data() + 5 * page->stride;
  EXPECT_EQ(row[3 * 2], 255);       // transparent -> white
  EXPECT_EQ(row[3 * 2 + 1], 255);
  EXPECT_EQ(row[3 * 20], 255);      // red, in R G B order
  EXPECT_EQ(row[3 * 20 + 1], 0);
  EXPECT_EQ(row[3 * 20 + 2], 0);
  EXPECT_FALSE(page->dpi_from_file);
  EXPECT_EQ(page->dpi_x, ImageFileOptions{}.assumed_dpi);
}

TEST_F(ImageFileReaderTest, SixteenBitPngBecomesEightBit) {
  cv::Mat page16(10, 10, CV_16UC1, cv::Scalar(65535));
  page16(cv::Rect(0, 0, 5, 10)).setTo(cv::Scalar(0));
  auto page = ReadOnly(Write("deep.png", files::Encode(page16, ".png")));
  ASSERT_OK(page);
  EXPECT_EQ(page->channels, 1);
  EXPECT_EQ(page->bytes[0], 0);
  EXPECT_EQ(page->bytes[9], 255);
}

TEST_F(ImageFileReaderTest, JpegGrayAndColourWithDensity) {
  cv::Mat gray = files::TestPage(320, 240, 2);
  auto page = ReadOnly(Write("gray.jpg", files::JpegWithDpi(gray, 300)));
  ASSERT_OK(page);
  EXPECT_EQ(page->channels, 1);
  EXPECT_TRUE(page->dpi_from_file);
  EXPECT_EQ(page->dpi_x, 300);
  EXPECT_LT(MeanAbsDiff(AsMat(*page), gray), 3.0);

  cv::Mat colour(240, 320, CV_8UC3, cv::Scalar(200, 30, 10));  // BGR: blue-ish
  auto c = ReadOnly(Write("colour.jpg", files::Encode(colour, ".jpg")));
  ASSERT_OK(c);
  EXPECT_EQ(c->channels, 3);
  EXPECT_FALSE(c->dpi_from_file);  // JFIF aspect ratio only
  EXPECT_NEAR(c->bytes[100 * c->stride + 3 * 100 + 2], 200, 6);  // B is the third byte (RGB)
  EXPECT_LT(MeanAbsDiff(AsMat(*c), colour), 4.0);
}

TEST_F(ImageFileReaderTest, MultiPageTiffIsReadPageByPageInAnyOrder) {
  std::vector<cv::Mat> pages = {files::TestPage(300, 400, 1), files::TestPage(300, 400, 2),
                                files::TestPage(300, 400, 3)};
  auto path = dir_.path() / "batch.tif";
  ASSERT_TRUE(files::WriteTiff(path, pages, 300, /*bilevel=*/false));
  auto reader = ImageFileReader::Open(path);
  ASSERT_OK(reader);
  EXPECT_EQ((*reader)->format(), ImageFileFormat::kTiff);
  ASSERT_EQ((*reader)->page_count(), 3);
  for (int i : {0, 1, 2, 1, 0}) {
    auto page = (*reader)->ReadPage(i);
    ASSERT_OK(page);
    EXPECT_EQ(page->page_index, i);
    EXPECT_EQ(page->dpi_x, 300);
    EXPECT_EQ(cv::norm(AsMat(*page), pages[i], cv::NORM_INF), 0) << "page " << i;
  }
  auto beyond = (*reader)->ReadPage(3);
  EXPECT_EQ(beyond.status().code(), Code::kInvalidArgument);
  EXPECT_NE(beyond.status().message().find("the file has 3 pages"), std::string::npos);
}

TEST_F(ImageFileReaderTest, BilevelG4TiffIsBlackOnWhite) {
  cv::Mat page = files::TestPage(333, 200, 4);  // width not a multiple of 8
  auto path = dir_.path() / "bw.tif";
  ASSERT_TRUE(files::WriteTiff(path, {page}, 200, /*bilevel=*/true));
  auto decoded = ReadOnly(path);
  ASSERT_OK(decoded);
  EXPECT_EQ(decoded->source_bits, 1);
  EXPECT_EQ(decoded->channels, 1);
  cv::Mat expected;
  cv::threshold(page, expected, 127, 255, cv::THRESH_BINARY);
  EXPECT_EQ(cv::norm(AsMat(*decoded), expected, cv::NORM_INF), 0);
}

TEST_F(ImageFileReaderTest, PdfPagesAreRenderedAtTheAskedResolution) {
  std::vector<cv::Mat> pages = {files::TestPage(600, 800, 5), files::TestPage(600, 800, 6)};
  auto path = Write("scan.pdf", files::PdfOfJpegs(pages, 200));  // 3 x 4 inch pages
  ImageFileOptions options;
  options.pdf_dpi = 100;
  auto reader = ImageFileReader::Open(path, options);
  ASSERT_OK(reader);
  EXPECT_EQ((*reader)->format(), ImageFileFormat::kPdf);
  ASSERT_EQ((*reader)->page_count(), 2);
  for (int i = 0; i < 2; ++i) {
    auto page = (*reader)->ReadPage(i);
    ASSERT_OK(page);
    EXPECT_EQ(page->width, 300);
    EXPECT_EQ(page->height, 400);
    EXPECT_EQ(page->channels, 1) << "a gray scan renders neutral and comes out gray";
    EXPECT_EQ(page->dpi_x, 100);
    cv::Mat expected;
    cv::resize(pages[i], expected, {300, 400}, 0, 0, cv::INTER_AREA);
    EXPECT_LT(MeanAbsDiff(AsMat(*page), expected), 12.0) << "page " << i;
  }
}

// Gray pages are rendered as gray directly after a small colour probe; the probe must never
// cost a page its colour, even a small stamp on an otherwise gray page.
TEST_F(ImageFileReaderTest, PdfKeepsColourPagesAndSmallColourMarksRendersGrayPagesGray) {
  cv::Mat gray = files::TestPage(600, 800, 7);
  cv::Mat stamp;
  cv::cvtColor(files::TestPage(600, 800, 8), stamp, cv::COLOR_GRAY2BGR);
  cv::rectangle(stamp, cv::Rect(500, 700, 8, 8), cv::Scalar(255, 0, 0), cv::FILLED);  // blue
  cv::Mat colour(800, 600, CV_8UC3, cv::Scalar(200, 230, 255));  // a cream coloured form
  cv::putText(colour, "12", {100, 400}, cv::FONT_HERSHEY_SIMPLEX, 4.0, cv::Scalar(0, 0, 160), 8);
  auto path = Write("mixed.pdf", files::PdfOfJpegs({gray, stamp, colour, gray, gray}, 200));
  ImageFileOptions options;
  options.pdf_dpi = 200;
  auto reader = ImageFileReader::Open(path, options);
  ASSERT_OK(reader);
  std::vector<int> channels;
  for (int i = 0; i < 5; ++i) {
    auto page = (*reader)->ReadPage(i);
    ASSERT_OK(page);
    channels.push_back(page->channels);
    if (i == 1) {  // the stamp is still blue (RGB order in ImageFilePage)
      const std::uint8_t* px = page->bytes.data() + 704 * page->stride + 504 * 3;
      EXPECT_GT(px[2], 150);
      EXPECT_LT(px[0], 100);
    }
    if (page->channels == 1) {
      EXPECT_LT(MeanAbsDiff(AsMat(*page), gray), 12.0) << "page " << i;
    }
  }
  EXPECT_EQ(channels, (std::vector<int>{1, 3, 3, 1, 1}));
}

TEST_F(ImageFileReaderTest, ForEachStreamsPagesInOrderAndStopsOnCallbackError) {
  auto path = dir_.path() / "three.tif";
  ASSERT_TRUE(files::WriteTiff(path, {files::TestPage(64, 64, 1), files::TestPage(64, 64, 2),
                                      files::TestPage(64, 64, 3)}, 300, false));
  std::vector<int> seen;
  Status s = ForEachImageFilePage(path, {}, [&](const ImageFilePage& page, int count) {
    EXPECT_EQ(count, 3);
    seen.push_back(page.page_index);
    return page.page_index == 1 ? Status(Code::kCancelled, "stop") : Status::Ok();
  });
  EXPECT_EQ(s.code(), Code::kCancelled);
  EXPECT_EQ(seen, (std::vector<int>{0, 1}));
}

TEST_F(ImageFileReaderTest, TruncatedFilesOfEveryFormatAreCorruptAndSaySo) {
  cv::Mat page = files::TestPage(400, 300, 7);
  auto tiff_path = dir_.path() / "full.tif";
  ASSERT_TRUE(files::WriteTiff(tiff_path, {page, page}, 300, false));
  const std::vector<std::pair<std::string, std::string>> whole = {
      {"cut.png", files::PngWithDpi(page, 300)},
      {"cut.jpg", files::JpegWithDpi(page, 300)},
      {"cut.tif", files::ReadBytes(tiff_path)},
      {"cut.pdf", files::PdfOfJpegs({page}, 300)},
  };
  for (const auto& [name, bytes] : whole) {
    for (double fraction : {0.3, 0.7, 0.97}) {
      auto path = Write(name, bytes.substr(0, static_cast<std::size_t>(bytes.size() * fraction)));
      auto reader = ImageFileReader::Open(path);
      Status status = reader.ok() ? Status::Ok() : reader.status();
      for (int i = 0; status.ok() && i < (*reader)->page_count(); ++i) {
        status = (*reader)->ReadPage(i).status();
      }
      ASSERT_FALSE(status.ok()) << name << " cut at " << fraction << " was accepted";
      EXPECT_EQ(status.code(), Code::kCorrupt) << status.ToString();
      EXPECT_NE(status.message().find(name), std::string::npos) << status.ToString();
      EXPECT_NE(status.message().find("ends early"), std::string::npos) << status.ToString();
      EXPECT_NE(status.message().find("scan the pages again"), std::string::npos)
          << status.ToString();
    }
  }
}

TEST_F(ImageFileReaderTest, DamagedPngDataIsCorrupt) {
  std::string png = files::Encode(files::TestPage(200, 200, 8), ".png");
  for (std::size_t i = png.size() / 2; i < png.size() / 2 + 16; ++i) png[i] ^= 0x5a;
  auto status = ReadOnly(Write("damaged.png", png)).status();
  EXPECT_EQ(status.code(), Code::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("damaged"), std::string::npos) << status.ToString();
}

TEST_F(ImageFileReaderTest, DamagedJpegDataIsCorrupt) {
  std::string jpeg = files::Encode(files::TestPage(400, 400, 9), ".jpg");
  for (std::size_t i = jpeg.size() / 2; i < jpeg.size() / 2 + 64; ++i) jpeg[i] = '\xff';
  auto status = ReadOnly(Write("damaged.jpg", jpeg)).status();
  EXPECT_EQ(status.code(), Code::kCorrupt) << status.ToString();
}

TEST_F(ImageFileReaderTest, UnsupportedEmptyAndMissingFilesHaveClearErrors) {
  auto text = ImageFileReader::Open(Write("notes.png", "just some text, not an image\n"));
  EXPECT_EQ(text.status().code(), Code::kInvalidArgument);
  EXPECT_NE(text.status().message().find("not a PNG, JPEG, TIFF or PDF"), std::string::npos);
  EXPECT_NE(text.status().message().find("notes.png"), std::string::npos);

  auto empty = ImageFileReader::Open(Write("empty.jpg", ""));
  EXPECT_EQ(empty.status().code(), Code::kCorrupt);
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);

  auto missing = ImageFileReader::Open(dir_.path() / "missing.tif");
  EXPECT_EQ(missing.status().code(), Code::kNotFound);

  auto directory = ImageFileReader::Open(dir_.path());
  EXPECT_FALSE(directory.ok());
}

TEST_F(ImageFileReaderTest, OversizedPagesAreRefusedBeforeDecoding) {
  ImageFileOptions options;
  options.max_pixels = 1000;
  auto status = ReadOnly(Write("big.png", files::Encode(files::TestPage(100, 100, 1), ".png")),
                         0, options).status();
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_NE(status.message().find("lower resolution"), std::string::npos);
}

TEST_F(ImageFileReaderTest, CvMatPagesAreBgrForOpenCv) {
  cv::Mat red(8, 8, CV_8UC3, cv::Scalar(0, 0, 255));
  auto path = Write("red.png", files::Encode(red, ".png"));
  auto mat = ReadImageFilePageMat(path, 0);
  ASSERT_OK(mat);
  ASSERT_EQ(mat->type(), CV_8UC3);
  EXPECT_EQ(mat->at<cv::Vec3b>(3, 3), cv::Vec3b(0, 0, 255));
  auto missing_page = ReadImageFilePageMat(path, 1);
  EXPECT_EQ(missing_page.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace intake::capture
