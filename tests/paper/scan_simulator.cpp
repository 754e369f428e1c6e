#include "tests/paper/scan_simulator.h"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>

namespace intake::paper::testing {

std::vector<cv::Mat> RenderPdf(const std::string& pdf_bytes, double dpi) {
  std::vector<cv::Mat> pages;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
  if (!doc) return pages;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    poppler::image img = renderer.render_page(page.get(), dpi, dpi);
    if (!img.is_valid() || img.format() != poppler::image::format_argb32) continue;
    cv::Mat argb(img.height(), img.width(), CV_8UC4, img.data(), img.bytes_per_row());
    cv::Mat gray;
    cv::cvtColor(argb, gray, cv::COLOR_BGRA2GRAY);
    pages.push_back(gray.clone());
  }
  return pages;
}

cv::Mat Rotate(const cv::Mat& page, double degrees) {
  cv::Point2f centre(page.cols / 2.0f, page.rows / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
  cv::Rect2f box = cv::RotatedRect(centre, page.size(), static_cast<float>(degrees)).boundingRect2f();
  m.at<double>(0, 2) += box.width / 2.0 - centre.x;
  m.at<double>(1, 2) += box.height / 2.0 - centre.y;
  cv::Mat out;
  cv::warpAffine(page, out, m, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 255);
  return out;
}

cv::Mat Skew(const cv::Mat& page, double strength) {
  float w = static_cast<float>(page.cols), h = static_cast<float>(page.rows);
  float d = static_cast<float>(strength) * w;
  cv::Point2f src[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  cv::Point2f dst[] = {{d, d * 0.3f}, {w - d * 0.5f, 0}, {w, h}, {0, h - d * 0.2f}};
  cv::Mat out;
  cv::warpPerspective(page, out, cv::getPerspectiveTransform(src, dst), page.size(),
                      cv::INTER_LINEAR, cv::BORDER_CONSTANT, 255);
  return out;
}

cv::Mat Cover(const cv::Mat& page, cv::Rect area, int value) {
  cv::Mat out = page.clone();
  cv::rectangle(out, area & cv::Rect(0, 0, out.cols, out.rows), cv::Scalar(value), cv::FILLED);
  return out;
}

cv::Mat Stain(const cv::Mat& page, unsigned seed) {
  cv::Mat f;
  page.convertTo(f, CV_32F);
  // Uneven light: darker towards one corner, like a scanner lid left ajar.
  for (int y = 0; y < f.rows; ++y) {
    float* row = f.ptr<float>(y);
    for (int x = 0; x < f.cols; ++x) row[x] *= 0.75f + 0.25f * (1.0f - float(x + y) / (f.cols + f.rows));
  }
  cv::Mat noise(f.size(), CV_32F);
  cv::RNG rng(seed);
  rng.fill(noise, cv::RNG::NORMAL, 0, 18);
  f += noise;
  cv::Mat out;
  f.convertTo(out, CV_8U);
  cv::GaussianBlur(out, out, cv::Size(3, 3), 0.8);
  return out;
}

cv::Mat JpegRoundTrip(const cv::Mat& page, int quality) {
  std::vector<uint8_t> buf;
  cv::imencode(".jpg", page, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  return cv::imdecode(buf, cv::IMREAD_GRAYSCALE);
}

cv::Mat FlipModules(const cv::Mat& page, cv::Rect qr_area, double module_px, int count,
                    unsigned seed) {
  cv::Mat out = page.clone();
  std::mt19937 rng(seed);
  int modules = static_cast<int>(qr_area.width / module_px);
  std::uniform_int_distribution<int> pick(0, modules - 1);
  for (int i = 0; i < count; ++i) {
    int mx = pick(rng), my = pick(rng);
    cv::Rect m(qr_area.x + static_cast<int>(mx * module_px), qr_area.y + static_cast<int>(my * module_px),
               static_cast<int>(module_px + 0.5), static_cast<int>(module_px + 0.5));
    m &= cv::Rect(0, 0, out.cols, out.rows);
    cv::Mat cell = out(m);
    bool dark = cv::mean(cell)[0] < 128;
    cell.setTo(dark ? 255 : 0);
  }
  return out;
}

std::filesystem::path SavePng(const cv::Mat& page, const std::filesystem::path& path) {
  cv::imwrite(path.string(), page);
  return path;
}

}  // namespace intake::paper::testing
