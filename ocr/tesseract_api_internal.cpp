// Why a pre-check of the language files: TessBaseAPI::Init only prints to stderr and returns
// -1 when a traineddata file is missing; we want one Status that says what to install.
#include "ocr/tesseract_api_internal.h"

#include <sstream>

#include "ocr/tesseract_engine.h"

namespace intake::ocr::internal {
namespace {

void DeleteTessApi(tesseract::TessBaseAPI* api) {
  if (api == nullptr) return;
  api->End();
  delete api;
}

std::vector<std::string> SplitLanguages(const std::string& languages) {
  std::vector<std::string> out;
  std::stringstream in(languages);
  std::string lang;
  while (std::getline(in, lang, '+')) {
    if (!lang.empty()) out.push_back(lang);
  }
  return out;
}

}  // namespace

Result<TessApiPtr> OpenTessApi(const std::filesystem::path& tessdata_dir,
                               const std::string& languages, tesseract::OcrEngineMode mode) {
  const std::vector<std::string> langs = SplitLanguages(languages);
  if (langs.empty()) return InvalidArgument("no OCR language given");
  for (const auto& lang : langs) {
    std::error_code ec;
    if (!std::filesystem::exists(tessdata_dir / (lang + ".traineddata"), ec)) {
      return NotFound(MissingLanguageMessage(lang, tessdata_dir));
    }
  }
  TessApiPtr api(new tesseract::TessBaseAPI(), &DeleteTessApi);
  // Quiet Tesseract's informational prints ("Estimating resolution...") which would otherwise
  // go to stderr of every program using the library.
  std::vector<std::string> names = {"debug_file"};
  std::vector<std::string> values = {"/dev/null"};
  const std::string datapath = tessdata_dir.string();
  if (api->Init(datapath.c_str(), languages.c_str(), mode, nullptr, 0, &names, &values, false) !=
      0) {
    return Corrupt("Tesseract could not load the language data '" + languages + "' from " +
                   datapath + ": reinstall the tesseract-ocr-* language packages");
  }
  return api;
}

void SetTessImage(tesseract::TessBaseAPI& api, const ImageView& image) {
  api.SetImage(image.pixels, image.width, image.height, image.channels,
               static_cast<int>(image.stride));
  api.SetSourceResolution(image.dpi > 0 ? image.dpi : 300);
}

std::string TakeTessText(char* text) {
  if (text == nullptr) return {};
  std::string out(text);
  delete[] text;
  return out;
}

}  // namespace intake::ocr::internal
