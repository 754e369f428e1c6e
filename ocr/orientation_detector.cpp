#include "ocr/orientation_detector.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <mutex>

#include "ocr/tesseract_api_internal.h"

namespace intake::ocr {
namespace {

// Orientation is decided on letters about 15-25 px high: a 300 dpi page is reduced to about
// 150 dpi. Below that OSD starts to miss small print.
constexpr int kOsdTargetDpi = 150;
// Tesseract reports confidences around 1 for guesses; pages of real text give 3..50.
constexpr float kReliableConfidence = 2.0f;
// OSD classifies characters one by one in four turns (most of its cost). Tesseract tries at
// least min_characters_to_try (default 50, up to 5x that) and stops once the turn is clear
// after that many. 20 clear characters decide a page (rendered pages at every turn: confidence
// 3.5..9, all right; OSD cost ~450 -> ~150 ms per page); an unsure page (confidence under
// kReliableConfidence) is decided by reading (page_processor_orientation.cpp).
constexpr const char* kMinCharactersToTry = "20";
// The central part of the page OSD looks at (each side): margins hold no text.
constexpr double kCentralFraction = 0.8;

}  // namespace

int CounterClockwiseFromTesseract(int tesseract_orient_deg) {
  // Tesseract reports the clockwise turn the input was found in (its CLI then prints
  // "Rotate: 360 - orient_deg", the clockwise turn that makes it upright). A clockwise turn of
  // X is a counter-clockwise turn of 360 - X.
  return (360 - (tesseract_orient_deg % 360)) % 360;
}

struct OrientationDetector::Impl {
  explicit Impl(internal::TessApiPtr a) : api(std::move(a)) {}
  std::mutex mu;  // one detection at a time on the engine
  internal::TessApiPtr api;
};

OrientationDetector::OrientationDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OrientationDetector::~OrientationDetector() = default;

Result<std::unique_ptr<OrientationDetector>> OrientationDetector::Create(
    const std::filesystem::path& tessdata_dir) {
  INTAKE_ASSIGN_OR_RETURN(internal::TessApiPtr api,
                          internal::OpenTessApi(tessdata_dir, "osd",
                                                tesseract::OEM_TESSERACT_ONLY));
  api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  api->SetVariable("min_characters_to_try", kMinCharactersToTry);
  auto impl = std::make_unique<Impl>(std::move(api));
  return std::unique_ptr<OrientationDetector>(new OrientationDetector(std::move(impl)));
}

Result<OrientationResult> OrientationDetector::Detect(const ImageView& image) {
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0) {
    return InvalidArgument("orientation detection was given an empty image");
  }
  try {
    const int type = image.channels == 3 ? CV_8UC3 : CV_8UC1;
    cv::Mat source(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels),
                   image.stride);
    cv::Mat gray;
    if (image.channels == 3) {
      cv::cvtColor(source, gray, cv::COLOR_RGB2GRAY);
    } else {
      gray = source;
    }
    const int dpi = image.dpi > 0 ? image.dpi : 300;
    {
      // Margins hold no text; the layout analysis OSD runs first costs per pixel.
      const int w = std::max(1, static_cast<int>(gray.cols * kCentralFraction));
      const int h = std::max(1, static_cast<int>(gray.rows * kCentralFraction));
      gray = gray(cv::Rect((gray.cols - w) / 2, (gray.rows - h) / 2, w, h));
    }
    cv::Mat small;
    int small_dpi = dpi;
    if (dpi > kOsdTargetDpi * 5 / 4) {
      const double scale = static_cast<double>(kOsdTargetDpi) / dpi;
      cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
      small_dpi = kOsdTargetDpi;
    } else {
      small = gray;
    }
    ImageView view{small.data, small.cols, small.rows, 1, small.step[0], small_dpi};
    std::lock_guard<std::mutex> lock(impl_->mu);
    tesseract::TessBaseAPI& api = *impl_->api;
    internal::SetTessImage(api, view);
    int orient_deg = 0;
    float orient_conf = 0, script_conf = 0;
    const char* script = nullptr;
    const bool found = api.DetectOrientationScript(&orient_deg, &orient_conf, &script,
                                                   &script_conf);
    api.Clear();
    OrientationResult result;
    if (!found) return result;  // too little text to tell
    result.confidence = orient_conf;
    result.reliable = orient_conf >= kReliableConfidence;
    result.ccw_deg = result.reliable ? CounterClockwiseFromTesseract(orient_deg) : 0;
    return result;
  } catch (const cv::Exception& e) {
    return Internal(std::string("orientation detection failed: ") + e.what());
  }
}

}  // namespace intake::ocr
