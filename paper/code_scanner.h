// CodeScanner: finds and checks the paper codes (paper_code.h) on a scanned page or a webcam
// frame, with ZBar. Tries the image as given, then binarised and rescaled variants, so a
// rotated, skewed, stained or low-contrast code still reads; a code that decodes but fails its
// check is counted as unreadable, never returned as a case or register.
//
// Thread safety: one scanner per thread (a ZBar image scanner is stateful).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_code.h"

namespace intake::paper {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width*height, row-major, 8-bit luminance
};

struct PageScan {
  std::vector<PaperCode> codes;  // valid intake codes, each once
  int unreadable = 0;            // intake codes that failed their check (damaged or altered)
  int foreign = 0;               // barcodes that are not ours
  bool found_nothing() const { return codes.empty(); }
};

class CodeScanner {
 public:
  static Result<std::unique_ptr<CodeScanner>> Create();
  ~CodeScanner();
  CodeScanner(const CodeScanner&) = delete;
  CodeScanner& operator=(const CodeScanner&) = delete;

  Result<PageScan> Scan(const GrayImage& image);
  // PNG, JPEG, TIFF, PNM… (OpenCV). kNotFound / kCorrupt for a missing or unreadable file.
  Result<PageScan> ScanFile(const std::filesystem::path& image_path);

 private:
  struct Impl;
  explicit CodeScanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Loads an image file as 8-bit gray (OpenCV, exceptions caught).
Result<GrayImage> LoadGrayImage(const std::filesystem::path& path);

}  // namespace intake::paper
