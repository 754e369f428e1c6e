#include "paper/code_scanner.h"

#include <zbar.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>

namespace intake::paper {
// zbar.h declares its C API inside namespace zbar when compiled as C++.
using namespace ::zbar;

namespace {

struct ScannerDeleter {
  void operator()(zbar_image_scanner_t* s) const { zbar_image_scanner_destroy(s); }
};
struct ImageDeleter {
  void operator()(zbar_image_t* i) const { zbar_image_destroy(i); }
};

cv::Mat AsMat(const GrayImage& image) {
  return cv::Mat(image.height, image.width, CV_8UC1, const_cast<uint8_t*>(image.pixels.data()));
}

}  // namespace

struct CodeScanner::Impl {
  std::unique_ptr<zbar_image_scanner_t, ScannerDeleter> scanner;

  // Decodes one gray matrix; appends every symbol's text.
  void Decode(const cv::Mat& gray, std::vector<std::string>* texts) {
    cv::Mat m = gray.isContinuous() ? gray : gray.clone();
    std::unique_ptr<zbar_image_t, ImageDeleter> image(zbar_image_create());
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), static_cast<unsigned>(m.cols), static_cast<unsigned>(m.rows));
    // ZBar borrows the buffer (no cleanup handler): `m` outlives `image`.
    zbar_image_set_data(image.get(), m.data, m.total(), nullptr);
    if (zbar_scan_image(scanner.get(), image.get()) <= 0) return;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(image.get()); s;
         s = zbar_symbol_next(s)) {
      texts->emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    }
  }
};

CodeScanner::CodeScanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CodeScanner::~CodeScanner() = default;

Result<std::unique_ptr<CodeScanner>> CodeScanner::Create() {
  auto impl = std::make_unique<Impl>();
  impl->scanner.reset(zbar_image_scanner_create());
  if (!impl->scanner) return Internal("zbar_image_scanner_create failed");
  // Only QR and Code 128: fewer symbologies, fewer false positives on printed text.
  zbar_image_scanner_set_config(impl->scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config(impl->scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config(impl->scanner.get(), ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
  return std::unique_ptr<CodeScanner>(new CodeScanner(std::move(impl)));
}

Result<PageScan> CodeScanner::Scan(const GrayImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height) {
    return InvalidArgument("scanned image has no pixels or a wrong size");
  }
  PageScan scan;
  std::set<std::string> seen_valid, seen_bad;
  auto collect = [&](const std::vector<std::string>& texts) {
    for (const auto& text : texts) {
      auto code = ParsePaperCode(text);
      if (code.ok()) {
        if (seen_valid.insert(text).second) scan.codes.push_back(*code);
      } else if (code.status().code() == Code::kNotFound) {
        ++scan.foreign;
      } else if (seen_bad.insert(text).second) {
        ++scan.unreadable;
      }
    }
  };
  try {
    cv::Mat gray = AsMat(image);
    std::vector<std::string> texts;
    impl_->Decode(gray, &texts);
    collect(texts);
    if (!scan.codes.empty()) return scan;
    // Fallbacks for poor scans: smooth + Otsu (stains, uneven light), then half and double
    // scale (very fine modules from high-dpi scans; small codes from webcams).
    cv::Mat blurred, binary;
    cv::GaussianBlur(gray, blurred, cv::Size(3, 3), 0);
    cv::threshold(blurred, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    texts.clear();
    impl_->Decode(binary, &texts);
    collect(texts);
    if (!scan.codes.empty()) return scan;
    for (double f : {0.5, 2.0}) {
      if (f > 1 && static_cast<double>(gray.total()) * f * f > 80e6) continue;
      cv::Mat scaled;
      cv::resize(gray, scaled, cv::Size(), f, f, f < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
      texts.clear();
      impl_->Decode(scaled, &texts);
      collect(texts);
      if (!scan.codes.empty()) return scan;
    }
  } catch (const cv::Exception& e) {
    return Internal(std::string("image preparation for code reading failed: ") + e.what());
  }
  return scan;
}

Result<GrayImage> LoadGrayImage(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return NotFound("image " + path.string() + " does not exist");
  try {
    cv::Mat m = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
    if (m.empty()) return Corrupt("image " + path.string() + " cannot be read as a picture");
    if (m.depth() != CV_8U) m.convertTo(m, CV_8U, 1.0 / 256);
    GrayImage image{m.cols, m.rows, {}};
    image.pixels.resize(m.total());
    for (int y = 0; y < m.rows; ++y) {
      std::copy(m.ptr<uint8_t>(y), m.ptr<uint8_t>(y) + m.cols,
                image.pixels.begin() + static_cast<ptrdiff_t>(y) * m.cols);
    }
    return image;
  } catch (const cv::Exception& e) {
    return Corrupt("image " + path.string() + ": " + e.what());
  }
}

Result<PageScan> CodeScanner::ScanFile(const std::filesystem::path& image_path) {
  INTAKE_ASSIGN_OR_RETURN(GrayImage image, LoadGrayImage(image_path));
  auto scan = Scan(image);
  if (!scan.ok()) return scan.status().WithContext(image_path.string());
  return scan;
}

}  // namespace intake::paper
