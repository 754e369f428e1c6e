// Renders scanned-looking A4 pages from UTF-8 text (test and demo tool, not product code).
//
// The result is what a 300 dpi gray scan of a printed page looks like: black text on a white
// page, optionally rotated (skew, then a whole 90/180/270 turn), with a dark scanner-lid
// border, sensor noise and speckles. Geometry conventions match ../shared/corpus/README.md:
// skew_deg and rotation_deg are counter-clockwise positive.
//
// Thread safety: RenderPage is reentrant (each call loads its own font face).
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "core/status.h"

namespace intake::testpages {

struct PageSpec {
  std::vector<std::string> lines;  // UTF-8; an empty line is a blank line
  int dpi = 300;
  double width_mm = 210, height_mm = 297;
  double font_pt = 12;
  std::string font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  double margin_mm = 25;
  double skew_deg = 0;     // content rotated counter-clockwise by this
  int rotation_deg = 0;    // then the whole page turned counter-clockwise: 0, 90, 180, 270
  int dark_border_px = 0;  // dark scanner-lid band on each edge (after turning)
  double noise_sigma = 0;  // gaussian sensor noise, in gray levels
  int speckles = 0;        // random dark dots
  unsigned seed = 1;
};

// 8-bit single-channel image. Fails when the font cannot be loaded or the spec is out of range.
Result<cv::Mat> RenderPage(const PageSpec& spec);

// Splits text into lines (on '\n').
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace intake::testpages
