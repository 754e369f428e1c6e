// Test helper: turns our PDFs into "scanned" page images — rendered with poppler-cpp, then
// rotated, skewed, partly covered, stained, blurred or JPEG-compressed with OpenCV — so the
// back-office path is tested on pixels, the way a flatbed or webcam delivers them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace intake::paper::testing {

// Every page of the PDF as 8-bit gray at `dpi`. Empty on a PDF poppler cannot open.
std::vector<cv::Mat> RenderPdf(const std::string& pdf_bytes, double dpi);

cv::Mat Rotate(const cv::Mat& page, double degrees);            // about the centre, white fill
cv::Mat Skew(const cv::Mat& page, double strength);              // perspective: top edge narrowed
cv::Mat Cover(const cv::Mat& page, cv::Rect area, int value);    // paint a rectangle
cv::Mat Stain(const cv::Mat& page, unsigned seed);               // noise, uneven light, blur
cv::Mat JpegRoundTrip(const cv::Mat& page, int quality);
// Flips `count` random modules inside `qr_area` (QR module pitch `module_px`), as ink blots do.
cv::Mat FlipModules(const cv::Mat& page, cv::Rect qr_area, double module_px, int count,
                    unsigned seed);

// Millimetres on an A4 page → pixels at dpi.
inline int Px(double mm, double dpi) { return static_cast<int>(mm * dpi / 25.4 + 0.5); }

std::filesystem::path SavePng(const cv::Mat& page, const std::filesystem::path& path);

}  // namespace intake::paper::testing
