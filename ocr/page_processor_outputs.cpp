// The case folder outputs of one page (docs/case-layout.md, ocr/ part).
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "ocr/jpeg_writer.h"
#include "ocr/page_processor_internal.h"
#include "ocr/tiff_g4_writer.h"

namespace intake::ocr::internal {

std::string PageStem(int page) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", page);
  return buf;
}

const cv::Mat& ImageForOcr(const CleanedPage& cleaned) { return cleaned.gray; }

Status WritePageToCase(const std::filesystem::path& case_dir, int number, const PageResult& result,
                       const CleanedPage& cleaned) {
  const std::filesystem::path dir = case_dir / "ocr";
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir));
  const std::string stem = PageStem(number);
  // The cleaned page: B/W as TIFF G4; pages with photos, stamps or colour keep their tones
  // as JPEG (colour when colour was found).
  if (cleaned.keep_tone) {
    const cv::Mat& image = !cleaned.colour.empty() ? cleaned.colour : cleaned.gray;
    INTAKE_RETURN_IF_ERROR(WriteJpeg(dir / (stem + ".jpg"), image, cleaned.dpi));
  } else {
    INTAKE_RETURN_IF_ERROR(WriteTiffG4(dir / (stem + ".tif"), cleaned.binary, cleaned.dpi));
  }
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / (stem + ".txt"), result.text, 0600));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / (stem + ".hocr"), result.hocr, 0600));
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(dir / (stem + ".json"), PageResultToJson(result, true) + "\n", 0600));
  return Status::Ok();
}

}  // namespace intake::ocr::internal
