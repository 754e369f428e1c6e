// CaseRecord: the content of case.json (docs/case-layout.md) and how it is built from the
// pages of a case.
//
// Thread safety: value type.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

// What the workstation learned about one page (from the OCR stage).
struct PageSummary {
  int number = 0;          // 1-based, in reading order
  bool blank = false;
  std::string doc_type;    // "application_form", "passport", ..., "other"
  double doc_confidence = 0;
  bool needs_review = false;
  struct Field {
    std::string name, value;
    bool valid = false;
    double confidence = 0;
  };
  std::vector<Field> fields;
};

struct CaseDocument {
  std::string id;           // "d1", "d2", ...
  std::string doc_class;
  double confidence = 0;
  std::vector<int> pages;   // page numbers
};

struct PaperItem {
  std::string item_id;      // "<case_id>-<n>"
  std::string document;     // CaseDocument::id
  std::string kind;         // "original" or "copy"
  int sheets = 0;
};

struct CaseRecord {
  std::string case_id, service, back_office, operator_id, workstation;
  std::string created_at, sealed_at;                // ISO 8601 UTC
  std::map<std::string, std::string> applicant;     // field name -> value (valid fields only)
  std::vector<CaseDocument> documents;
  std::vector<PaperItem> paper_items;
  std::vector<int> blank_pages;                     // kept in the case, flagged, not documents
};

// Groups consecutive non-blank pages of the same class into documents, takes each applicant
// field from the most confident page where it validated, and lists one paper item per
// document (forms the applicant signed are originals; identity documents are copies).
void FillFromPages(const std::vector<PageSummary>& pages, CaseRecord* record);

std::string CaseRecordToJson(const CaseRecord& record);
// THE parser of case.json (paper/ and signing/ read it through this). Never throws; kCorrupt
// (with the JSON library's message) for malformed JSON, a missing case_id or a field of the
// wrong type. In paper_items, "document" may be absent (""), "kind" defaults to "original"
// and "sheets" to 1. The case id's form is not checked here.
Result<CaseRecord> ParseCaseRecord(const std::string& json_text);

// "2026-11-23T10:15:00Z" for now.
std::string UtcNowIso8601();

}  // namespace intake
