// Internal to ocr/: the pieces of PageProcessor that touch OpenCV types.
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>

#include "core/status.h"
#include "ocr/cleanup.h"
#include "ocr/page_result.h"

namespace intake::ocr {
class TesseractEngine;
}

namespace intake::ocr::internal {

// Undoes a counter-clockwise turn of ccw_deg (0/90/180/270) by turning clockwise.
void TurnClockwise(cv::Mat& m, int ccw_deg);

// For pages OSD could not decide: the counter-clockwise turn (among 90/270 when the text
// lines run vertically, else 0/180) under which a band of the page reads best.
Result<int> ChooseTurnByReading(TesseractEngine& engine, const cv::Mat& gray, int dpi,
                                bool lines_vertical);

// The image Tesseract reads: the normalised gray page (Tesseract's LSTM reads gray line
// images; its own thresholding of our flattened background is reliable).
const cv::Mat& ImageForOcr(const CleanedPage& cleaned);

// Writes <case_dir>/ocr/NNNN.{tif|jpg} (B/W as TIFF G4, gray/colour as JPEG), NNNN.txt,
// NNNN.json and NNNN.hocr, each durably (temp, fsync, rename). NNNN = `number`.
Status WritePageToCase(const std::filesystem::path& case_dir, int number, const PageResult& result,
                       const CleanedPage& cleaned);

// "0007" for 7.
std::string PageStem(int page);

}  // namespace intake::ocr::internal
