// Per-page checks on the statistics gathered while streaming.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "capture/page_checks.h"

namespace intake::capture {
namespace {

// A 1000x1400 page: paper at `background` with sensor noise, and `ink_fraction` of the pixels
// at `ink` level (text).
PageImage Page(int background, int ink, double ink_fraction, int height = 1400) {
  PageImage page;
  page.width = 1000;
  page.height = height;
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 4);
  std::vector<std::byte> row(static_cast<size_t>(page.width));
  const int ink_every = ink_fraction > 0 ? static_cast<int>(1 / ink_fraction) : 0;
  long i = 0;
  for (int y = 0; y < page.height; ++y) {
    for (auto& px : row) {
      int v = (ink_every && ++i % ink_every == 0) ? ink : background + static_cast<int>(noise(rng));
      px = static_cast<std::byte>(std::clamp(v, 0, 255));
    }
    page.stats.AddGrayRow(row, page.width, 8);
  }
  return page;
}

std::vector<std::string> Names(const std::vector<PageCheck>& checks) {
  std::vector<std::string> names;
  for (const auto& c : checks) names.push_back(c.check);
  return names;
}

TEST(PageChecksTest, ATextPageHasNoFlags) {
  EXPECT_TRUE(CheckPage(Page(235, 20, 0.04), 300, {}).empty());
  // Even a sparse page (a title and a signature, 0.2% ink) is not blank.
  EXPECT_TRUE(CheckPage(Page(235, 20, 0.002), 300, {}).empty());
}

TEST(PageChecksTest, BlankFaintAndDarkPages) {
  EXPECT_EQ(Names(CheckPage(Page(240, 0, 0), 300, {})), std::vector<std::string>{"nearly_blank"});
  EXPECT_EQ(Names(CheckPage(Page(240, 170, 0.04), 300, {})),
            std::vector<std::string>{"too_light"});
  EXPECT_EQ(Names(CheckPage(Page(70, 10, 0.04), 300, {})), std::vector<std::string>{"too_dark"});
}

TEST(PageChecksTest, LengthAndResolution) {
  PageExpectations expect;
  expect.max_length_mm = 297 * 1.1;
  expect.asked_dpi = 300;
  // 1400 rows at 100 dpi = 356 mm: longer than A4 + 10%.
  EXPECT_EQ(Names(CheckPage(Page(235, 20, 0.04), 100, expect)),
            (std::vector<std::string>{"too_long", "low_resolution"}));
  EXPECT_TRUE(CheckPage(Page(235, 20, 0.04, 3500), 300, expect).empty());
  EXPECT_EQ(Names(CheckPage(Page(235, 20, 0.04, 4000), 300, expect)),
            std::vector<std::string>{"too_long"});
}

}  // namespace
}  // namespace intake::capture
