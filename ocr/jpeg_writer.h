// Gray and colour pages as JPEG (the archive format for pages that keep their tones: photos,
// stamps, ID cards), with the resolution recorded in the JFIF header.
//
// Encoding is OpenCV's (libjpeg); the JFIF density fields are set to the page's dpi afterwards
// (OpenCV writes 1:1 aspect, no unit). Writes are durable (WriteFileAtomic: temp file, fsync,
// rename, directory fsync).
//
// Internal header of the ocr library. Thread safety: pure functions.
#pragma once

#include <opencv2/core.hpp>

#include <filesystem>
#include <string>

#include "core/status.h"

namespace intake::ocr {

struct JpegOptions {
  int quality = 85;       // 1..100; 85 keeps stamps and small print legible at ~1/10 the size
  bool progressive = false;
};

// `page`: 8-bit gray (1 channel) or BGR (3 channels). kInvalidArgument for other images, a
// dpi that is not positive or above 65535, or a quality outside 1..100; kInternal when the
// encoder fails.
Result<std::string> EncodeJpeg(const cv::Mat& page, double dpi, const JpegOptions& options = {});

Status WriteJpeg(const std::filesystem::path& path, const cv::Mat& page, double dpi,
                 const JpegOptions& options = {});

// The JFIF density of JPEG bytes, in dots per inch (0 when absent or not in inches).
double JpegDpi(const std::string& jpeg_bytes);

}  // namespace intake::ocr
