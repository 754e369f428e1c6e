#include "ocr/page_result.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace intake::ocr {
namespace {

// Division (not multiplication) by the inverse keeps 94.6 printing as 94.6.
double Round(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

}  // namespace

std::string PageResultToJson(const PageResult& r, bool with_words) {
  nlohmann::ordered_json j;
  j["file"] = r.file;
  j["page"] = r.page;
  j["blank"] = r.blank;
  j["skew_deg"] = Round(r.skew_deg, 100);
  j["orientation_deg"] = r.orientation_deg;
  j["text"] = r.text;
  j["confidence"] = Round(r.confidence, 10);
  j["doc_type"] = r.doc_type;
  j["doc_type_confidence"] = Round(r.doc_type_confidence, 100);
  j["needs_review"] = r.needs_review;
  j["review_reasons"] = r.review_reasons;
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& f : r.fields) {
    nlohmann::ordered_json jf;
    jf["name"] = f.name;
    jf["value"] = f.value;
    jf["valid"] = f.valid;
    jf["confidence"] = Round(f.confidence, 100);
    if (!f.reason.empty()) jf["reason"] = f.reason;
    fields.push_back(std::move(jf));
  }
  j["fields"] = std::move(fields);
  if (!r.cleaned_kind.empty()) j["cleaned_kind"] = r.cleaned_kind;
  j["timing_ms"] = {{"cleanup", Round(r.timing.cleanup_ms, 10)},
                    {"orientation", Round(r.timing.orientation_ms, 10)},
                    {"ocr", Round(r.timing.ocr_ms, 10)},
                    {"fields", Round(r.timing.fields_ms, 10)}};
  if (with_words) {
    nlohmann::ordered_json words = nlohmann::ordered_json::array();
    for (const auto& w : r.words) {
      words.push_back({{"text", w.text}, {"confidence", Round(w.confidence, 10)},
                       {"box", {w.left, w.top, w.right, w.bottom}}});
    }
    j["words"] = std::move(words);
  }
  // Recognised text may hold invalid UTF-8 (a damaged glyph): replace rather than throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const FieldResult* FindField(const PageResult& result, const std::string& name) {
  for (const auto& f : result.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace intake::ocr
