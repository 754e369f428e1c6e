// cv::Mat access to image file pages, for intake libraries that link OpenCV (ocr/).
// Internal to intake: this header includes OpenCV, so it is not part of the public API that
// image_file_reader.h offers (STYLE.md rule 2).
//
// Pages come out as OpenCV expects them: CV_8UC1 (gray) or CV_8UC3 in BGR order.
//
// Thread safety: as ImageFileReader (one reader per thread at a time).
#pragma once

#include <opencv2/core.hpp>

#include <filesystem>

#include "capture/image_file_reader.h"
#include "core/status.h"

namespace intake::capture {

// A page as an owning cv::Mat (gray, or BGR for colour). Never throws.
Result<cv::Mat> ReadPageMat(ImageFileReader& reader, int index);

// Opens `path` and decodes page `index` (0-based) — for one page of a file; to read several
// pages, Open a reader once and call ReadPageMat for each.
Result<cv::Mat> ReadImageFilePageMat(const std::filesystem::path& path, int index,
                                     const ImageFileOptions& options = {});

// Copies `page` into an owning cv::Mat (RGB pages become BGR).
cv::Mat ImageFilePageToMat(const ImageFilePage& page);

}  // namespace intake::capture
