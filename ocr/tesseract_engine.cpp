#include "ocr/tesseract_engine.h"

#include <tesseract/resultiterator.h>

#include <cstdlib>
#include <optional>
#include <system_error>

#include "ocr/latin_look_internal.h"
#include "ocr/line_script.h"
#include "ocr/numero_sign.h"
#include "ocr/reading_corrections.h"
#include "ocr/tesseract_api_internal.h"

namespace intake::ocr {
namespace {

constexpr const char* kDebianTessdata = "/usr/share/tesseract-ocr/5/tessdata";

bool IsDirectory(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

// Words with their confidences and boxes, in reading order, with a line index. When
// `latin_look` is given, the parts of words to read again in Latin are added to it.
std::vector<OcrWord> CollectWords(tesseract::TessBaseAPI& api,
                                  std::vector<internal::LatinLookCandidate>* latin_look) {
  std::vector<OcrWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return words;
  int line = -1;
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    if (line < 0 || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
    OcrWord word;
    word.text = internal::TakeTessText(it->GetUTF8Text(tesseract::RIL_WORD));
    word.confidence = it->Confidence(tesseract::RIL_WORD);
    it->BoundingBox(tesseract::RIL_WORD, &word.left, &word.top, &word.right, &word.bottom);
    word.line = line;
    if (latin_look != nullptr) {
      internal::AddLatinLookCandidates(*it, words.size(), word, *latin_look);
    }
    words.push_back(std::move(word));
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

// Mean confidence weighted by word length: a misread long word weighs more than a stray dot.
float MeanConfidence(const std::vector<OcrWord>& words) {
  double sum = 0, weight = 0;
  for (const auto& w : words) {
    const double n = static_cast<double>(w.text.size());
    sum += w.confidence * n;
    weight += n;
  }
  return weight > 0 ? static_cast<float>(sum / weight) : 0.0f;
}

// The Latin second look (latin_second_look.h) pays off only when a Latin-script model is
// mixed with others: then the Latin one is loaded again, alone (eng: ~18 MB).
bool WantsLatinLook(const TesseractOptions& options) {
  if (!options.latin_second_look) return false;
  const std::string& langs = options.languages;
  return langs != "eng" && ("+" + langs + "+").find("+eng+") != std::string::npos;
}

}  // namespace

std::string MissingLanguageMessage(std::string_view language, const std::filesystem::path& dir) {
  // Debian names script models' packages tesseract-ocr-script-<4 letters>: Cyrillic -> cyrl.
  std::string package = "tesseract-ocr-" + std::string(language);
  if (language == "Cyrillic") package = "tesseract-ocr-script-cyrl";
  if (language == "Latin") package = "tesseract-ocr-script-latn";
  return "Tesseract language data '" + std::string(language) + "' is missing in " + dir.string() +
         ": install the Debian package " + package +
         " (packaging/install-deps.sh) or set TESSDATA_PREFIX to a folder holding " +
         std::string(language) + ".traineddata";
}

Result<std::filesystem::path> FindTessdata(const std::filesystem::path& preferred) {
  if (!preferred.empty()) {
    if (IsDirectory(preferred)) return preferred;
    return NotFound("Tesseract data folder " + preferred.string() + " does not exist");
  }
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') {
    const std::filesystem::path prefix(env);
    if (IsDirectory(prefix / "tessdata")) return prefix / "tessdata";
    if (IsDirectory(prefix)) return prefix;
    return NotFound("TESSDATA_PREFIX=" + prefix.string() +
                    " is not a folder: unset it or point it at the tessdata folder");
  }
  if (IsDirectory(kDebianTessdata)) return std::filesystem::path(kDebianTessdata);
  return NotFound(std::string("Tesseract data not found in ") + kDebianTessdata +
                  ": install tesseract-ocr-script-cyrl tesseract-ocr-eng tesseract-ocr-osd "
                  "(packaging/install-deps.sh) or set TESSDATA_PREFIX");
}

struct TesseractEngine::Impl {
  internal::TessApiPtr api;
  std::filesystem::path tessdata;
  TesseractOptions options;
  std::optional<internal::TessApiPtr> latin;  // set when WantsLatinLook
};

TesseractEngine::TesseractEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TesseractEngine::~TesseractEngine() = default;

Result<std::unique_ptr<TesseractEngine>> TesseractEngine::Create(const TesseractOptions& options) {
  INTAKE_ASSIGN_OR_RETURN(std::filesystem::path tessdata, FindTessdata(options.tessdata_dir));
  INTAKE_ASSIGN_OR_RETURN(
      internal::TessApiPtr api,
      internal::OpenTessApi(tessdata, options.languages, tesseract::OEM_LSTM_ONLY));
  // Our pages arrive upright and deskewed, so Tesseract's search for inverted (white on
  // black) text lines only costs time.
  api->SetVariable("tessedit_do_invert", "0");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  auto impl = std::make_unique<Impl>(Impl{std::move(api), tessdata, options, std::nullopt});
  if (WantsLatinLook(options)) {
    INTAKE_ASSIGN_OR_RETURN(internal::TessApiPtr latin,
                            internal::OpenTessApi(tessdata, "eng", tesseract::OEM_LSTM_ONLY));
    latin->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    impl->latin.emplace(std::move(latin));
  }
  return std::unique_ptr<TesseractEngine>(new TesseractEngine(std::move(impl)));
}

Result<OcrOutput> TesseractEngine::Recognize(const ImageView& image, int page_number) {
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0 ||
      (image.channels != 1 && image.channels != 3)) {
    return InvalidArgument("OCR was given an empty or malformed image");
  }
  tesseract::TessBaseAPI& api = *impl_->api;
  internal::SetTessImage(api, image);
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return Internal("Tesseract failed to recognise the page");
  }
  OcrOutput out;
  out.text = internal::TakeTessText(api.GetUTF8Text());
  std::vector<internal::LatinLookCandidate> latin_look;
  out.words = CollectWords(api, impl_->latin ? &latin_look : nullptr);
  if (impl_->options.want_hocr) out.hocr = internal::TakeTessText(api.GetHOCRText(page_number));
  // Corrections of Tesseract's reading, made on the words, then carried into text and hOCR.
  std::vector<std::string> first_reading;
  first_reading.reserve(out.words.size());
  for (const auto& w : out.words) first_reading.push_back(w.text);
  int corrected = 0;
  if (!latin_look.empty()) {
    internal::LimitLatinLooks(latin_look, internal::kMaxLatinLooksPerPage);
    corrected += internal::LookAgainInLatin(**impl_->latin, image, latin_look, out.words);
  }
  corrected += MatchWordsToLineScript(out.words);
  corrected += RestoreNumeroSigns(out.words);
  if (corrected > 0) {
    std::vector<std::string> reading;
    reading.reserve(out.words.size());
    for (const auto& w : out.words) reading.push_back(w.text);
    out.text = ReplaceWordsInText(out.text, first_reading, reading);
    if (!out.hocr.empty()) out.hocr = ReplaceWordsInHocr(out.hocr, first_reading, reading);
  }
  out.confidence = MeanConfidence(out.words);
  return out;
}

const std::filesystem::path& TesseractEngine::tessdata_dir() const { return impl_->tessdata; }

}  // namespace intake::ocr
