// TesseractEngine: one Tesseract OCR engine (kDefaultLanguages by default), owned by one thread.
//
// Create() loads the language data once (~100 ms, ~80 MB); Recognize() then reads pages.
// Tesseract's language files are looked up in TesseractOptions::tessdata_dir, else in
// $TESSDATA_PREFIX, else in the Debian default /usr/share/tesseract-ocr/5/tessdata.
//
// OpenMP: libtesseract runs parts of its LSTM on OpenMP threads. libgomp reads
// OMP_THREAD_LIMIT once, when the process loads, so it must be in the environment at process
// start (see engine_pool.h, EnsureSingleThreadedOpenMP) for one engine to use one core.
//
// Thread safety: an engine is used by one thread at a time; distinct engines may run in
// parallel on distinct threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ocr/ocr_engine.h"

namespace intake::ocr {

// Tesseract's language string: the Cyrillic script model first (Debian
// tesseract-ocr-script-cyrl; the only Debian model with "№", and it also has "+" and "_"), then
// ukr and eng, each tried on a word the previous ones read with low confidence. Debian's ukr
// model has no "№", "+", "_" or Latin letter, eng no Cyrillic; none has "ґ". Measured against
// "ukr+eng" on corpus/dev (README "Recognition"): form CER 1.62% -> 1.36%, text 0.19% -> 0.14%,
// fields 39/40 -> 40/40, ~8% more recognition time, ~45 MB more per engine.
inline constexpr const char* kDefaultLanguages = "Cyrillic+ukr+eng";

struct TesseractOptions {
  std::string languages = kDefaultLanguages;
  std::filesystem::path tessdata_dir;  // empty: $TESSDATA_PREFIX, then the Debian default
  bool want_hocr = false;              // fill OcrOutput::hocr
  // Read again with eng alone the words the mixed models read in Cyrillic letters that all
  // have Latin twins ("IBAN" read "ІВАМ"): latin_second_look.h. Only when `languages` mixes
  // eng with another language. OcrOutput's text, words and hOCR carry the second look.
  bool latin_second_look = true;
};

// The directory holding the .traineddata files: `preferred` if not empty, else
// $TESSDATA_PREFIX (the directory itself or its tessdata/ child), else the Debian default.
// kNotFound when none of them exists.
Result<std::filesystem::path> FindTessdata(const std::filesystem::path& preferred = {});

// "Tesseract language data 'ukr' is missing in DIR: install the Debian package
// tesseract-ocr-ukr (packaging/install-deps.sh) or set TESSDATA_PREFIX."
std::string MissingLanguageMessage(std::string_view language, const std::filesystem::path& dir);

class TesseractEngine {
 public:
  // kNotFound when tessdata or a language pack is missing (the message says what to install).
  static Result<std::unique_ptr<TesseractEngine>> Create(const TesseractOptions& options = {});
  ~TesseractEngine();
  TesseractEngine(const TesseractEngine&) = delete;
  TesseractEngine& operator=(const TesseractEngine&) = delete;

  // Reads the page. `page_number` (0-based) only labels the hOCR. The view must stay valid
  // during the call. Fails (kInternal) only when Tesseract itself fails on the image.
  // The text, words and hOCR carry three corrections of Tesseract's reading: the Latin
  // second look (TesseractOptions::latin_second_look), a word's script matched to its line
  // where the glyphs cannot tell (line_script.h), and "№" put back (numero_sign.h).
  Result<OcrOutput> Recognize(const ImageView& image, int page_number = 0);

  const std::filesystem::path& tessdata_dir() const;

 private:
  struct Impl;
  explicit TesseractEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace intake::ocr
