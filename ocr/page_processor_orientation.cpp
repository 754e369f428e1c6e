// Orientation when Tesseract's OSD cannot decide (little text, unusual fonts): read a band of
// the page in each candidate turn and keep the turn whose words read most confidently.
// Costs two small recognitions, only on such pages.
#include <opencv2/core.hpp>

#include <algorithm>

#include "ocr/page_processor_internal.h"
#include "ocr/tesseract_engine.h"

namespace intake::ocr::internal {
namespace {

// The middle fifth of the page: enough lines to judge, a fraction of a full recognition.
cv::Mat MiddleBand(const cv::Mat& page) {
  const int top = page.rows * 2 / 5;
  const int height = std::max(1, page.rows / 5);
  return page(cv::Rect(0, top, page.cols, height)).clone();
}

}  // namespace

void TurnClockwise(cv::Mat& m, int ccw_deg) {
  if (m.empty() || ccw_deg % 360 == 0) return;
  cv::Mat out;
  const int code = ccw_deg == 90    ? cv::ROTATE_90_CLOCKWISE
                   : ccw_deg == 180 ? cv::ROTATE_180
                                    : cv::ROTATE_90_COUNTERCLOCKWISE;
  cv::rotate(m, out, code);
  m = out;
}

Result<int> ChooseTurnByReading(TesseractEngine& engine, const cv::Mat& gray, int dpi,
                                bool lines_vertical) {
  const int candidates[2] = {lines_vertical ? 90 : 0, lines_vertical ? 270 : 180};
  int best_turn = candidates[0];
  double best_score = -1;
  for (int turn : candidates) {
    cv::Mat turned = gray.clone();
    TurnClockwise(turned, turn);
    const cv::Mat band = MiddleBand(turned);
    ImageView view{band.data, band.cols, band.rows, 1, band.step[0], dpi};
    INTAKE_ASSIGN_OR_RETURN(OcrOutput ocr, engine.Recognize(view));
    // Confident words of some length: upside-down text reads as short, unsure fragments.
    double score = 0;
    for (const auto& w : ocr.words) {
      if (w.text.size() >= 4) score += w.confidence;
    }
    if (score > best_score) {
      best_score = score;
      best_turn = turn;
    }
  }
  return best_turn;
}

}  // namespace intake::ocr::internal
