// Every SANE frame kind, through the real `test` backend of libsane1: gray, RGB, three-pass,
// lineart, 16-bit, unknown height, padded lines, tiny reads, non-blocking with select fd.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <cstdlib>
#include <filesystem>
#include <utility>
#include <vector>

#include "capture/frame_reader.h"
#include "capture/sane_device.h"
#include "capture/sane_session.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using Settings = std::vector<std::pair<std::string, std::string>>;

class SaneFramesTest : public testing::SaneTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SaneTest::SetUp());
    // Small pages keep the tests fast: 20 x 25 mm at 100 dpi.
    ASSERT_NO_FATAL_FAILURE(OpenDevice("test:0", {{"resolution", "100"}, {"br-x", "20"},
                                                  {"br-y", "25"},
                                                  {"test-picture", "Color pattern"}}));
  }
  Result<PageImage> Scan(const Settings& settings, const fs::path& out, ReadControl control = {}) {
    for (const auto& [name, value] : settings) {
      auto set = device_->SetOption(name, value);
      if (!set.ok()) return set.status();
    }
    INTAKE_RETURN_IF_ERROR(device_->Start());
    auto page = ReadPage(*device_, out, control);
    device_->FinishScan();
    return page;
  }
  cv::Mat Load(const fs::path& p) { return cv::imread(p.string(), cv::IMREAD_UNCHANGED); }
};

TEST_F(SaneFramesTest, GrayPageMatchesAnnouncedGeometry) {
  auto page = Scan({{"mode", "Gray"}}, dir_.path() / "g.pnm");
  ASSERT_OK(page);
  EXPECT_EQ(page->layout, "gray");
  EXPECT_NEAR(page->width, 79, 1);  // 20 mm at 100 dpi
  EXPECT_GT(page->height, 90);
  cv::Mat m = Load(dir_.path() / "g.pnm");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.type(), CV_8UC1);
  EXPECT_EQ(m.cols, page->width);
  EXPECT_EQ(m.rows, page->height);
}

TEST_F(SaneFramesTest, ThreePassFramesAreInterleavedLikeSinglePassRgb) {
  auto rgb = Scan({{"mode", "Color"}}, dir_.path() / "rgb.pnm");
  ASSERT_OK(rgb);
  EXPECT_EQ(rgb->layout, "rgb");
  auto three = Scan({{"three-pass", "yes"}, {"three-pass-order", "GBR"}}, dir_.path() / "3.pnm");
  ASSERT_OK(three);
  EXPECT_EQ(three->layout, "three-pass");
  EXPECT_EQ(three->frames, 3);
  cv::Mat a = Load(dir_.path() / "rgb.pnm"), b = Load(dir_.path() / "3.pnm");
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.type(), CV_8UC3);
  EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0) << "three-pass must assemble the same image";
  // No plane files are left behind.
  for (const auto& e : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(e.path().string().find(".plane"), std::string::npos) << e.path();
}

TEST_F(SaneFramesTest, LineartBecomesP4) {
  auto page = Scan({{"mode", "Gray"}, {"depth", "1"}, {"test-picture", "Grid"}},
                   dir_.path() / "l.pnm");
  ASSERT_OK(page);
  EXPECT_EQ(page->layout, "lineart");
  cv::Mat m = Load(dir_.path() / "l.pnm");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.cols, page->width);
  // A grid is about half black.
  double black = 1.0 - cv::countNonZero(m) / static_cast<double>(m.total());
  EXPECT_GT(black, 0.3);
  EXPECT_LT(black, 0.7);
  EXPECT_NEAR(page->stats.FractionBelow(128), black, 1e-9);
}

TEST_F(SaneFramesTest, SixteenBitSamplesMatchScanimage) {
  // scanimage (sane-utils) is the reference frontend: it writes 16-bit PNM big-endian.
  const fs::path reference = dir_.path() / "ref16.pnm";
  const std::string command = "scanimage -d test:0 --mode Gray --depth 16 --resolution 100 "
                              "-x 20 -y 25 --test-picture 'Color pattern' > " +
                              reference.string() + " 2>/dev/null";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "scanimage (sane-utils) is not available";
  auto page = Scan({{"mode", "Gray"}, {"depth", "16"}}, dir_.path() / "16.pnm");
  ASSERT_OK(page);
  EXPECT_EQ(page->depth, 16);
  cv::Mat ours = Load(dir_.path() / "16.pnm"), theirs = Load(reference);
  ASSERT_EQ(ours.type(), CV_16UC1);
  ASSERT_EQ(ours.size(), theirs.size());
  EXPECT_EQ(cv::norm(ours, theirs, cv::NORM_INF), 0);
}

TEST_F(SaneFramesTest, UnknownHeightIsCountedWhileReading) {
  auto page = Scan({{"mode", "Gray"}, {"hand-scanner", "yes"}}, dir_.path() / "h.pnm");
  ASSERT_OK(page);
  EXPECT_TRUE(page->height_was_unknown);
  cv::Mat m = Load(dir_.path() / "h.pnm");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.rows, page->height);
  EXPECT_GT(m.rows, 0);
}

TEST_F(SaneFramesTest, PaddedLinesAreTrimmed) {
  auto plain = Scan({{"mode", "Gray"}}, dir_.path() / "p0.pnm");
  ASSERT_OK(plain);
  auto padded = Scan({{"ppl-loss", "7"}}, dir_.path() / "p7.pnm");
  ASSERT_OK(padded);
  EXPECT_EQ(padded->width, plain->width - 7);
  cv::Mat m = Load(dir_.path() / "p7.pnm");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.cols, padded->width);
  EXPECT_EQ(m.rows, plain->height);
}

TEST_F(SaneFramesTest, OneByteReadsAndFuzzyParametersGiveTheSameImage) {
  auto normal = Scan({{"mode", "Color"}}, dir_.path() / "n.pnm");
  ASSERT_OK(normal);
  auto tiny = Scan({{"read-limit", "yes"}, {"read-limit-size", "1"}, {"fuzzy-parameters", "yes"}},
                   dir_.path() / "t.pnm", ReadControl{.buffer_bytes = 7});
  ASSERT_OK(tiny);
  EXPECT_EQ(cv::norm(Load(dir_.path() / "n.pnm"), Load(dir_.path() / "t.pnm"), cv::NORM_INF), 0);
}

}  // namespace
}  // namespace intake::capture
