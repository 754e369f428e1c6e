// Document classification of a recognised page: application form, passport / ID card,
// РНОКПП card, birth certificate, income declaration, IDP certificate, or other — from the
// printed headings and phrases each document carries, matched tolerantly (look-alikes,
// apostrophes, case), plus the fields found on the page.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ocr/page_result.h"

namespace intake::ocr {

inline constexpr const char* kDocApplicationForm = "application_form";
inline constexpr const char* kDocPassport = "passport";  // booklet passport or ID card
inline constexpr const char* kDocRnokppCard = "rnokpp_card";
inline constexpr const char* kDocBirthCertificate = "birth_certificate";
inline constexpr const char* kDocIncomeDeclaration = "income_declaration";
inline constexpr const char* kDocIdpCertificate = "idp_certificate";
inline constexpr const char* kDocOther = "other";

struct DocClass {
  std::string doc_type = kDocOther;
  float confidence = 0;  // 0..1
};

DocClass ClassifyDocument(std::string_view text, const std::vector<FieldResult>& fields);

}  // namespace intake::ocr
