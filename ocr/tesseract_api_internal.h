// Internal to ocr/: opening a tesseract::TessBaseAPI with clear errors, and handing it images.
// Not a public header (it includes Tesseract's).
//
// Tesseract keeps some parameters process-global (debug output, the OpenMP thread count read
// by libgomp at load time); every TessBaseAPI is used by one thread at a time.
#pragma once

#include <tesseract/baseapi.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "ocr/ocr_engine.h"

namespace intake::ocr::internal {

using TessApiPtr = std::unique_ptr<tesseract::TessBaseAPI, void (*)(tesseract::TessBaseAPI*)>;

// Opens an engine for `languages` ("ukr+eng", "osd") from `tessdata_dir` (already resolved by
// FindTessdata). kNotFound names the missing language pack and the Debian package to install.
Result<TessApiPtr> OpenTessApi(const std::filesystem::path& tessdata_dir,
                               const std::string& languages, tesseract::OcrEngineMode mode);

// SetImage + SetSourceResolution. The view's pixels must outlive recognition.
void SetTessImage(tesseract::TessBaseAPI& api, const ImageView& image);

// Takes ownership of a char* Tesseract allocated with new[].
std::string TakeTessText(char* text);

}  // namespace intake::ocr::internal
