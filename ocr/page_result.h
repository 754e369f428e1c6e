// PageResult: everything the recognition of one page produced, and its JSON form.
//
// The JSON object is the contract of `intake ocr --json` (one object per line) and of
// <case>/ocr/NNNN.json (docs/case-layout.md). Keys: file, page (1-based), blank, skew_deg
// (counter-clockwise positive), orientation_deg (counter-clockwise turn found), text,
// confidence (0..100), doc_type, doc_type_confidence (0..1), needs_review, review_reasons,
// fields [{name, value, valid, confidence, reason}], timing_ms {cleanup, orientation, ocr,
// fields} (CPU milliseconds of the worker thread); with words: words [{text, confidence}].
//
// Thread safety: value types.
#pragma once

#include <string>
#include <vector>

#include "ocr/ocr_engine.h"

namespace intake::ocr {

// One field read from the page. `value` is as read from the page except for white space and
// the canonical form of an identifier (e.g. an IBAN's Latin letters); `valid` says whether it
// passed its checks, `reason` why not (English, for the operator screen and logs: it never
// repeats the value).
struct FieldResult {
  std::string name;        // as in corpus truth.json: surname, given_name, patronymic,
                           // birth_date, rnokpp, id_card, passport, unzr, phone, address, iban
  std::string value;
  bool valid = false;
  float confidence = 0;    // 0..1: OCR confidence of the words read, lowered by failed checks
  std::string reason;      // empty when valid
};

// CPU time of the worker thread per stage, milliseconds (the cost on one core).
struct PageTiming {
  double cleanup_ms = 0;      // decode excluded: border, deskew, binarization (ocr/cleanup.h)
  double orientation_ms = 0;  // OSD and, when it is unsure, reading a band in two turns
  double ocr_ms = 0;          // Tesseract recognition, words, hOCR
  double fields_ms = 0;       // fields, document class, review flags
};

struct PageResult {
  std::string file;                  // the input file (or page store name)
  int page = 1;                      // 1-based page within the file
  bool blank = false;
  double skew_deg = 0;               // angle found, counter-clockwise positive
  int orientation_deg = 0;           // counter-clockwise turn found: 0/90/180/270
  float orientation_confidence = 0;  // Tesseract OSD confidence
  std::string text;                  // UTF-8 as recognised (never normalised)
  float confidence = 0;              // mean word confidence 0..100
  std::vector<OcrWord> words;
  std::string doc_type = "other";    // application_form, id_document, rnokpp_card,
                                     // birth_certificate, income_declaration,
                                     // idp_certificate, other
  float doc_type_confidence = 0;     // 0..1
  std::vector<FieldResult> fields;
  bool needs_review = false;         // an operator should look at this page
  std::vector<std::string> review_reasons;
  std::string hocr;                  // filled when asked for
  std::string cleaned_kind;          // "bw", "gray" or "color": how the cleaned page is kept
  double seconds = 0;                // wall time spent on the page
  PageTiming timing;
};

// One line of JSON (no trailing newline). `with_words` adds the word list.
std::string PageResultToJson(const PageResult& result, bool with_words = false);

// The field named `name`, or nullptr.
const FieldResult* FindField(const PageResult& result, const std::string& name);

}  // namespace intake::ocr
