// Page cleanup before OCR: crop to the page, remove the dark scanner-lid border and the
// background around the sheet, find and undo the skew, remove punch holes and specks, decide
// whether the page is blank and whether it must keep its tones (photos, stamps, colour), and
// binarize it for Tesseract.
//
// Internal header of the ocr library (OpenCV types are allowed here, not in public headers).
//
// Cost: analysis runs on reduced copies (about 75 and 150 dpi); the full-resolution image is
// touched by one warp (rotate + crop), one fill and one binarization. About 40–80 ms per A4
// page at 300 dpi on one core (see README "Cleanup and OCR" for measured numbers).
//
// Orientation (0/90/180/270) is NOT decided here: skew is found modulo 90°, so a page turned
// sideways or upside down comes out straight but still turned; Tesseract OSD decides the turn.
//
// Thread safety: CleanPage is reentrant and uses no global state; run one call per thread.
// It does not change OpenCV's thread count (cv::setNumThreads is the caller's choice).
#pragma once

#include <opencv2/core.hpp>

#include "core/status.h"

namespace intake::ocr {

struct CleanupOptions {
  // Resolution of the input. All physical sizes (border widths, holes, specks, text sizes)
  // are derived from it. 0 is refused.
  double dpi = 300;
  // Skew search range, degrees, each side of 0 (and of 90: found modulo 90°).
  double max_skew_deg = 25;
  bool deskew = true;
  bool remove_border = true;       // dark lid border and background outside the sheet
  bool remove_punch_holes = true;
  bool despeckle = true;           // on the binary image only; the gray page keeps its specks
  // Compute `binary` (Sauvola + despeckle, ~40 ms per A4 page at 300 dpi). A caller that
  // needs it only sometimes (the B/W image of a case folder; OCR reads `gray`) sets false and
  // calls BinarizeCleanedPage when it does.
  bool binarize = true;
  // Skews smaller than this (degrees) are reported but not undone: a 0.05° tilt moves a line
  // end by under 2 px across an A4 page at 300 dpi, well inside the 0.1° accuracy asked of
  // deskew, and skipping the full-resolution rotation saves ~20 ms on straight scans.
  double min_warp_deg = 0.05;
  // Flatten uneven light and edge shadows of `gray` to white paper (text pages only; the
  // binary image never needs it). Costs two full-resolution passes.
  bool normalize_background = false;
};

// CPU time of the calling thread, milliseconds (the cost on one core, whatever else runs).
struct CleanupTiming {
  double analysis_ms = 0;   // reductions, border, skew, blank and tone analysis
  double warp_ms = 0;       // full-resolution rotate + crop + fills
  double binarize_ms = 0;   // background normalization, Sauvola, despeckle
  double total_ms = 0;
};

struct CleanedPage {
  // The page: 8-bit gray, cropped to the sheet, deskewed, lid border and holes painted white.
  cv::Mat gray;
  // The same geometry in colour (8-bit, 3 channels, BGR as given) when the input had colour
  // and colour content was found (is_colour); otherwise empty.
  cv::Mat colour;
  // 8-bit, 0 = ink, 255 = paper: Sauvola binarization of `gray`, despeckled (the B/W page
  // image). Empty when CleanupOptions::binarize was false and BinarizeCleanedPage not called.
  cv::Mat binary;

  // Skew found: the angle the page content was rotated by, degrees, counter-clockwise
  // positive, in (-45, 45]. The output was rotated by -skew_deg to undo it (not rotated when
  // |skew_deg| < CleanupOptions::min_warp_deg).
  double skew_deg = 0;
  // How clearly the text lines fixed the angle (ratio of the best projection score to the
  // sweep's median; about 1 = no evidence). Below kMinSkewConfidence the page is not rotated
  // and skew_deg is 0.
  double skew_confidence = 0;
  // True when the text lines run vertically in the input (page turned 90° or 270°).
  bool lines_vertical = false;

  // The sheet in input pixel coordinates (axis-aligned bounding box before deskew).
  cv::Rect crop_box;
  // Input dpi, copied from the options, so writers can set resolution tags.
  double dpi = 300;

  // Blank page decision. blank_score is the amount of text-like ink found, in "characters"
  // (text-sized, dark, not at the edge, not a streak or a hole), counted up to 200 (clearly
  // text); blank when below kMinTextMarks (6). Blank pages are flagged,
  // never dropped: the caller keeps them in the case, marked for review.
  bool blank = false;
  double blank_score = 0;

  // Tone: keep gray/colour output (JPEG) instead of B/W (G4) when the page carries a photo,
  // a stamp, a coloured area or large gray areas.
  bool keep_tone = false;
  bool is_colour = false;        // colour content found (stamp, photo, coloured print)
  double photo_fraction = 0;     // share of the page covered by mid-tone areas
  double colour_fraction = 0;    // share of the page with clearly saturated colour

  int punch_holes_removed = 0;
  int specks_removed = 0;

  CleanupTiming timing;
};

inline constexpr double kMinSkewConfidence = 1.5;

// Cleans one page. `input` is 8-bit gray (1 channel), BGR (3) or BGRA (4); 16-bit input is
// scaled to 8 bits. Fails with kInvalidArgument for an empty image, an unsupported type, a
// page smaller than 1 inch or a non-positive dpi; an OpenCV failure becomes kInternal.
Result<CleanedPage> CleanPage(const cv::Mat& input, const CleanupOptions& options = {});

// Fills page.binary from page.gray (Sauvola, then despeckle when options.despeckle) and adds
// the time to page.timing; does nothing when page.binary is already there. Same failures as
// CleanPage (an OpenCV failure becomes kInternal). REQUIRES: page came from CleanPage.
Status BinarizeCleanedPage(CleanedPage& page, const CleanupOptions& options = {});

}  // namespace intake::ocr
