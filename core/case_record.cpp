#include "core/case_record.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

namespace intake {

using nlohmann::json;

static bool IsSignedForm(const std::string& doc_class) {
  return doc_class == "application_form" || doc_class == "income_declaration" ||
         doc_class == "other";
}

void FillFromPages(const std::vector<PageSummary>& pages, CaseRecord* record) {
  record->documents.clear();
  record->paper_items.clear();
  record->blank_pages.clear();
  std::map<std::string, double> best_confidence;
  for (const PageSummary& page : pages) {
    if (page.blank) {
      record->blank_pages.push_back(page.number);
      continue;
    }
    const std::string doc_class = page.doc_type.empty() ? "other" : page.doc_type;
    // A new document starts when the class changes; an application form always starts one.
    bool continues = !record->documents.empty() &&
                     record->documents.back().doc_class == doc_class &&
                     doc_class != "application_form";
    if (!continues) {
      CaseDocument doc;
      doc.id = "d" + std::to_string(record->documents.size() + 1);
      doc.doc_class = doc_class;
      doc.confidence = page.doc_confidence;
      record->documents.push_back(doc);
    }
    CaseDocument& doc = record->documents.back();
    doc.pages.push_back(page.number);
    doc.confidence = std::min(doc.confidence, page.doc_confidence);
    for (const auto& field : page.fields) {
      if (!field.valid) continue;
      auto it = best_confidence.find(field.name);
      if (it != best_confidence.end() && it->second >= field.confidence) continue;
      best_confidence[field.name] = field.confidence;
      record->applicant[field.name] = field.value;
    }
  }
  for (const CaseDocument& doc : record->documents) {
    PaperItem item;
    item.item_id = record->case_id + "-" + std::to_string(record->paper_items.size() + 1);
    item.document = doc.id;
    item.kind = IsSignedForm(doc.doc_class) ? "original" : "copy";
    item.sheets = static_cast<int>(doc.pages.size());
    record->paper_items.push_back(item);
  }
}

std::string CaseRecordToJson(const CaseRecord& r) {
  json documents = json::array();
  for (const auto& d : r.documents)
    documents.push_back(
        {{"id", d.id}, {"class", d.doc_class}, {"confidence", d.confidence}, {"pages", d.pages}});
  json items = json::array();
  for (const auto& p : r.paper_items)
    items.push_back(
        {{"item_id", p.item_id}, {"document", p.document}, {"kind", p.kind}, {"sheets", p.sheets}});
  json j = {{"case_id", r.case_id},         {"service", r.service},
            {"back_office", r.back_office}, {"operator", r.operator_id},
            {"workstation", r.workstation}, {"created_at", r.created_at},
            {"sealed_at", r.sealed_at},     {"applicant", r.applicant},
            {"documents", documents},       {"paper_items", items},
            {"blank_pages", r.blank_pages}};
  return j.dump(2) + "\n";
}

Result<CaseRecord> ParseCaseRecord(const std::string& json_text) {
  CaseRecord r;
  try {
    json j = json::parse(json_text);
    r.case_id = j.at("case_id").get<std::string>();
    r.service = j.value("service", "");
    r.back_office = j.value("back_office", "");
    r.operator_id = j.value("operator", "");
    r.workstation = j.value("workstation", "");
    r.created_at = j.value("created_at", "");
    r.sealed_at = j.value("sealed_at", "");
    if (j.contains("applicant"))
      r.applicant = j.at("applicant").get<std::map<std::string, std::string>>();
    for (const auto& d : j.value("documents", json::array()))
      r.documents.push_back({d.at("id").get<std::string>(), d.at("class").get<std::string>(),
                             d.value("confidence", 0.0), d.value("pages", std::vector<int>{})});
    // An item names at least itself; a missing kind is taken as an original (the stricter
    // case: it must come back), a missing sheet count as one sheet.
    for (const auto& p : j.value("paper_items", json::array()))
      r.paper_items.push_back({p.at("item_id").get<std::string>(), p.value("document", ""),
                               p.value("kind", "original"), p.value("sheets", 1)});
    r.blank_pages = j.value("blank_pages", std::vector<int>{});
  } catch (const json::exception& e) {
    return Corrupt(std::string("case.json is malformed: ") + e.what());
  }
  return r;
}

std::string UtcNowIso8601() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace intake
