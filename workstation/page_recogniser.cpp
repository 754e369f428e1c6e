#include "workstation/page_recogniser.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>

#include "capture/image_file_reader.h"
#include "capture/page_store.h"
#include "core/file_util.h"
#include "core/log.h"
#include "ocr/engine_pool.h"

namespace intake {

namespace fs = std::filesystem;

Result<PageSummary> ParsePageSummary(const std::string& page_json) {
  PageSummary s;
  try {
    auto j = nlohmann::json::parse(page_json);
    s.number = j.at("page").get<int>();
    s.blank = j.value("blank", false);
    s.doc_type = j.value("doc_type", "other");
    s.doc_confidence = j.value("doc_type_confidence", 0.0);
    s.needs_review = j.value("needs_review", false);
    for (const auto& f : j.value("fields", nlohmann::json::array()))
      s.fields.push_back({f.at("name").get<std::string>(), f.at("value").get<std::string>(),
                          f.value("valid", false), f.value("confidence", 0.0)});
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("page result is malformed: ") + e.what());
  }
  return s;
}

static fs::path ResultPath(const fs::path& case_dir, int sequence) {
  return case_dir / "ocr" / (capture::PageStem(sequence) + ".json");
}

Result<RecogniseSummary> RecogniseCasePages(const fs::path& case_dir, const StageReporter& report) {
  const auto started = std::chrono::steady_clock::now();
  // Read-only: a batch may still be scanning into this case (PageStore::Open is the writer).
  INTAKE_ASSIGN_OR_RETURN(std::vector<capture::PageMetadata> pages,
                          capture::PageStore::ListPages(case_dir));
  const fs::path pages_dir = case_dir / "pages";
  INTAKE_RETURN_IF_ERROR(MakeDirectories(case_dir / "ocr", 0700));

  RecogniseSummary summary;
  std::map<int, PageSummary> by_number;
  std::vector<const capture::PageMetadata*> to_do;
  for (const auto& page : pages) {
    auto existing = ReadFile(ResultPath(case_dir, page.sequence));
    if (existing.ok()) {
      auto parsed = ParsePageSummary(*existing);
      if (parsed.ok()) {
        by_number[page.sequence] = *parsed;
        continue;
      }
    }
    to_do.push_back(&page);
  }

  if (!to_do.empty()) {
    std::mutex mutex;
    ocr::EnginePoolOptions options;
    auto on_page = [&](const ocr::PageLabel& label, Result<ocr::PageResult> result) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!result.ok()) {
        ++summary.pages_failed;
        LogWarning("ocr", "page " + std::to_string(label.page) + ": " + result.status().ToString());
        report("ocr", "page " + std::to_string(label.page) + " could not be read: " +
                          result.status().message() + " (rescan it)");
        return;
      }
      PageSummary s;
      s.number = label.page;
      s.blank = result->blank;
      s.doc_type = result->doc_type;
      s.doc_confidence = result->doc_type_confidence;
      s.needs_review = result->needs_review;
      for (const auto& f : result->fields) s.fields.push_back({f.name, f.value, f.valid, f.confidence});
      by_number[label.page] = s;
      ++summary.pages_recognised_now;
      char line[160];
      std::snprintf(line, sizeof line,
                    "page %d: %s, skew %.2f°, turned %d°, confidence %.0f%%, %zu fields%s", label.page,
                    result->blank ? "blank" : result->doc_type.c_str(), result->skew_deg,
                    result->orientation_deg, result->confidence, result->fields.size(),
                    result->needs_review ? ", needs review" : "");
      report("ocr", line);
    };
    INTAKE_ASSIGN_OR_RETURN(auto pool, ocr::EnginePool::Create(options, on_page));
    for (const capture::PageMetadata* page : to_do) {
      ocr::PageLabel label{page->file, page->sequence};
      ocr::PageOutputs outputs;
      outputs.case_dir = case_dir;
      auto reader = capture::ImageFileReader::Open(pages_dir / page->file, {});
      Result<capture::ImageFilePage> image =
          reader.ok() ? (*reader)->ReadPage(0) : Result<capture::ImageFilePage>(reader.status());
      if (!image.ok()) {
        pool->SubmitFailure(label, image.status());
        continue;
      }
      pool->Submit({std::move(image).value(), label, outputs});
    }
    pool->Drain();
  }
  for (auto& [number, s] : by_number) summary.pages.push_back(s);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace intake
