// Ukrainian wording for the paper: document classes, kinds, stages. Operator-facing text only;
// logs stay in English. Thread safety: pure.
#pragma once

#include <string>
#include <string_view>

#include "paper/paper_types.h"

namespace intake::paper {

// "application_form" → "Заява"; an unknown class is shown as given, "" as "Документ".
std::string DocumentLabel(std::string_view document_class);
std::string KindLabel(PaperKind kind);      // "оригінал" | "копія"
std::string StageLabel(Stage stage);        // "передано кур'єру"...
// "1 аркуш", "2 аркуші", "5 аркушів"
std::string SheetsLabel(int sheets);

}  // namespace intake::paper
