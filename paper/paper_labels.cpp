#include "paper/paper_labels.h"

#include <map>

namespace intake::paper {

std::string DocumentLabel(std::string_view document_class) {
  static const std::map<std::string_view, std::string> kLabels = {
      {"application_form", "Заява"},
      {"application", "Заява"},
      {"income_declaration", "Декларація про доходи та майно"},
      {"declaration", "Декларація про доходи та майно"},
      {"passport", "Паспорт"},
      {"passport_booklet", "Паспорт (книжечка)"},
      {"id_card", "Паспорт (ID-картка)"},
      {"rnokpp_card", "Картка платника податків (РНОКПП)"},
      {"taxpayer_card", "Картка платника податків (РНОКПП)"},
      {"birth_certificate", "Свідоцтво про народження"},
      {"idp_certificate", "Довідка ВПО"},
      {"income_certificate", "Довідка про доходи"},
      {"disability_document", "Документ про інвалідність"},
      {"bank_details", "Банківські реквізити (IBAN)"},
      {"iban", "Банківські реквізити (IBAN)"},
      {"other", "Інший документ"},
  };
  if (document_class.empty()) return "Документ";
  auto it = kLabels.find(document_class);
  return it != kLabels.end() ? it->second : std::string(document_class);
}

std::string KindLabel(PaperKind kind) {
  return kind == PaperKind::kOriginal ? "оригінал" : "копія";
}

std::string StageLabel(Stage stage) {
  switch (stage) {
    case Stage::kRecorded: return "прийнято, чекає реєстру";
    case Stage::kPacked: return "включено до реєстру";
    case Stage::kHandedToCourier: return "передано кур'єру";
    case Stage::kReceived: return "отримано бек-офісом";
    case Stage::kMissing: return "бек-офіс не отримав — надіслати повторно";
    case Stage::kReconciled: return "звірено бек-офісом";
  }
  return "?";
}

std::string SheetsLabel(int sheets) {
  int mod10 = sheets % 10, mod100 = sheets % 100;
  const char* word = "аркушів";
  if (mod10 == 1 && mod100 != 11) {
    word = "аркуш";
  } else if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
    word = "аркуші";
  }
  return std::to_string(sheets) + " " + word;
}

}  // namespace intake::paper
