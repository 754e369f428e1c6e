// The case folder outputs of one page (docs/case-layout.md, ocr/ part).
#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "ocr/page_processor_internal.h"

namespace intake::ocr::internal {
namespace {

constexpr int kJpegQuality = 85;

Result<std::string> EncodeJpeg(const cv::Mat& image) {
  try {
    std::vector<unsigned char> bytes;
    if (!cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, kJpegQuality})) {
      return Internal("JPEG encoding of the cleaned page failed");
    }
    return std::string(bytes.begin(), bytes.end());
  } catch (const cv::Exception& e) {
    return Internal(std::string("JPEG encoding of the cleaned page failed: ") + e.what());
  }
}

}  // namespace

std::string PageStem(int page) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", page);
  return buf;
}

const cv::Mat& ImageForOcr(const CleanedPage& cleaned) { return cleaned.gray; }

Status WritePageToCase(const std::filesystem::path& case_dir, const PageResult& result,
                       const CleanedPage& cleaned) {
  const std::filesystem::path dir = case_dir / "ocr";
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir));
  const std::string stem = PageStem(result.page);
  // The cleaned page: colour when colour was found, else the gray page.
  const cv::Mat& image = !cleaned.colour.empty() ? cleaned.colour : cleaned.gray;
  INTAKE_ASSIGN_OR_RETURN(std::string encoded, EncodeJpeg(image));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / (stem + ".jpg"), encoded, 0600));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / (stem + ".txt"), result.text, 0600));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / (stem + ".hocr"), result.hocr, 0600));
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(dir / (stem + ".json"), PageResultToJson(result, true) + "\n", 0600));
  return Status::Ok();
}

}  // namespace intake::ocr::internal
