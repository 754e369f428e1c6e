#include "capture/image_file_reader_cv.h"

#include <opencv2/imgproc.hpp>

namespace intake::capture {

cv::Mat ImageFilePageToMat(const ImageFilePage& page) {
  // The view wraps the page's bytes without copying; the conversion below makes the copy.
  cv::Mat view(page.height, page.width, page.channels == 1 ? CV_8UC1 : CV_8UC3,
               const_cast<std::uint8_t*>(page.bytes.data()), page.stride);
  cv::Mat out;
  if (page.channels == 1) {
    out = view.clone();
  } else {
    cv::cvtColor(view, out, cv::COLOR_RGB2BGR);
  }
  return out;
}

Result<cv::Mat> ReadPageMat(ImageFileReader& reader, int index) {
  INTAKE_ASSIGN_OR_RETURN(ImageFilePage page, reader.ReadPage(index));
  try {
    return ImageFilePageToMat(page);
  } catch (const cv::Exception& e) {
    return Status(Code::kResourceExhausted,
                  reader.path().string() + ": cannot convert page " + std::to_string(index + 1) +
                      " for OpenCV: " + e.what());
  }
}

Result<cv::Mat> ReadImageFilePageMat(const std::filesystem::path& path, int index,
                                     const ImageFileOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(auto reader, ImageFileReader::Open(path, options));
  return ReadPageMat(*reader, index);
}

}  // namespace intake::capture
