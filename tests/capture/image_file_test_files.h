// Test helpers that write real image files the way scanners and applicants' devices do:
// PNG with a pHYs resolution, JPEG with a JFIF density, multi-page and bilevel G4 TIFF through
// libtiff, and PDF files embedding JPEG pages (written by hand: a valid PDF is a few objects
// and a cross-reference table). Header-only because tests/capture compiles only *_test.cpp.
#pragma once

#include <tiffio.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace intake::testing::files {

inline std::string Encode(const cv::Mat& image, const std::string& ext,
                          const std::vector<int>& params = {}) {
  std::vector<std::uint8_t> buffer;
  cv::imencode(ext, image, buffer, params);
  return std::string(buffer.begin(), buffer.end());
}

inline void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A gray test page: white, with a black bar whose position depends on `seed`, so pages of a
// multi-page file can be told apart.
inline cv::Mat TestPage(int width, int height, int seed) {
  cv::Mat page(height, width, CV_8UC1, cv::Scalar(255));
  int top = (seed * 37) % (height / 2);
  cv::rectangle(page, cv::Rect(width / 10, top, width / 2, height / 8), cv::Scalar(0), cv::FILLED);
  cv::putText(page, std::to_string(seed), {width / 10, height - height / 10},
              cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 3);
  return page;
}

inline std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

inline std::string BigEndian(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// PNG with a pHYs chunk saying `dpi` (inserted after IHDR, which OpenCV writes first).
inline std::string PngWithDpi(const cv::Mat& image, double dpi) {
  std::string png = Encode(image, ".png");
  const auto ppm = static_cast<std::uint32_t>(dpi / 0.0254 + 0.5);
  std::string body = "pHYs" + BigEndian(ppm) + BigEndian(ppm) + std::string(1, '\1');
  std::string chunk = BigEndian(9) + body + BigEndian(Crc32(body));
  const std::size_t after_ihdr = 8 + 4 + 4 + 13 + 4;
  return png.substr(0, after_ihdr) + chunk + png.substr(after_ihdr);
}

// JPEG whose JFIF header says `dpi` dots per inch (OpenCV writes unit 0, density 1:1).
inline std::string JpegWithDpi(const cv::Mat& image, int dpi, int quality = 90) {
  std::string jpeg = Encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality});
  // SOI (2) APP0 marker (2) length (2) "JFIF\0" (5) version (2) -> units at offset 13.
  if (jpeg.compare(6, 5, std::string("JFIF\0", 5)) == 0) {
    jpeg[13] = 1;
    jpeg[14] = static_cast<char>(dpi >> 8);
    jpeg[15] = static_cast<char>(dpi & 0xff);
    jpeg[16] = static_cast<char>(dpi >> 8);
    jpeg[17] = static_cast<char>(dpi & 0xff);
  }
  return jpeg;
}

// Multi-page TIFF through libtiff. Gray 8-bit pages; `bilevel` writes 1-bit CCITT G4
// (MINISWHITE, as B/W scanners do) after thresholding at 128. Returns false on failure.
inline bool WriteTiff(const std::filesystem::path& path, const std::vector<cv::Mat>& pages,
                      double dpi, bool bilevel, bool deflate = true) {
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  if (!tif) return false;
  bool ok = true;
  for (const cv::Mat& page : pages) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(page.cols));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(page.rows));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bilevel ? 1 : 8);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, bilevel ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_COMPRESSION,
                 bilevel ? COMPRESSION_CCITTFAX4 : deflate ? COMPRESSION_ADOBE_DEFLATE : COMPRESSION_NONE);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, bilevel ? page.rows : 64);
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    std::vector<std::uint8_t> row(static_cast<std::size_t>(TIFFScanlineSize(tif)));
    for (int y = 0; y < page.rows && ok; ++y) {
      const std::uint8_t* in = page.ptr<std::uint8_t>(y);
      if (bilevel) {
        std::fill(row.begin(), row.end(), 0);
        for (int x = 0; x < page.cols; ++x) {
          if (in[x] < 128) row[x >> 3] |= static_cast<std::uint8_t>(0x80 >> (x & 7));
        }
      } else {
        std::copy(in, in + page.cols, row.begin());
      }
      ok = TIFFWriteScanline(tif, row.data(), static_cast<std::uint32_t>(y), 0) >= 0;
    }
    ok = ok && TIFFWriteDirectory(tif);
  }
  TIFFClose(tif);
  return ok;
}

// A PDF with one page per JPEG, each page sized so the image fills it at `dpi`
// (a network scanner's "scan to PDF"). Gray JPEGs use /DeviceGray, colour /DeviceRGB.
inline std::string PdfOfJpegs(const std::vector<cv::Mat>& pages, int dpi) {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<std::size_t> offsets;  // offsets[i] = object i+1
  auto begin_object = [&] {
    offsets.push_back(pdf.size());
    return std::to_string(offsets.size()) + " 0 obj\n";
  };
  const int n = static_cast<int>(pages.size());
  // Objects: 1 catalog, 2 pages, then per page: page, content, image.
  pdf += begin_object() + "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
  std::string kids;
  for (int i = 0; i < n; ++i) kids += std::to_string(3 + 3 * i) + " 0 R ";
  pdf += begin_object() + "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) +
         " >>\nendobj\n";
  for (int i = 0; i < n; ++i) {
    const cv::Mat& image = pages[i];
    const double w = image.cols * 72.0 / dpi, h = image.rows * 72.0 / dpi;
    const std::string ws = std::to_string(w), hs = std::to_string(h);
    pdf += begin_object() + "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + ws + " " + hs +
           "] /Resources << /XObject << /Im0 " + std::to_string(5 + 3 * i) +
           " 0 R >> >> /Contents " + std::to_string(4 + 3 * i) + " 0 R >>\nendobj\n";
    const std::string content = "q " + ws + " 0 0 " + hs + " 0 0 cm /Im0 Do Q\n";
    pdf += begin_object() + "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
           content + "endstream\nendobj\n";
    const std::string jpeg = Encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90});
    pdf += begin_object() + "<< /Type /XObject /Subtype /Image /Width " +
           std::to_string(image.cols) + " /Height " + std::to_string(image.rows) +
           " /ColorSpace " + (image.channels() == 1 ? "/DeviceGray" : "/DeviceRGB") +
           " /BitsPerComponent 8 /Filter /DCTDecode /Length " + std::to_string(jpeg.size()) +
           " >>\nstream\n" + jpeg + "\nendstream\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace intake::testing::files
