#include "paper/paper_types.h"

#include <cctype>

namespace intake::paper {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsWorkstationId(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "YYYYMMDD-<ws>-<digits of width n>"
bool IsDatedId(std::string_view id, size_t seq_width) {
  if (id.size() < 8 + 1 + 1 + 1 + seq_width) return false;
  if (!AllDigits(id.substr(0, 8)) || id[8] != '-') return false;
  size_t dash = id.rfind('-');
  if (dash == 8 || id.size() - dash - 1 != seq_width) return false;
  return IsWorkstationId(id.substr(9, dash - 9)) && AllDigits(id.substr(dash + 1));
}

}  // namespace

std::string_view KindName(PaperKind kind) {
  return kind == PaperKind::kOriginal ? "original" : "copy";
}

Result<PaperKind> ParseKind(std::string_view name) {
  if (name == "original") return PaperKind::kOriginal;
  if (name == "copy") return PaperKind::kCopy;
  return InvalidArgument("paper item kind must be 'original' or 'copy', not '" +
                         std::string(name) + "'");
}

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kRecorded: return "recorded";
    case Stage::kPacked: return "packed";
    case Stage::kHandedToCourier: return "handed_to_courier";
    case Stage::kReceived: return "received";
    case Stage::kMissing: return "missing";
    case Stage::kReconciled: return "reconciled";
  }
  return "?";
}

Result<Stage> ParseStage(std::string_view name) {
  for (Stage s : {Stage::kRecorded, Stage::kPacked, Stage::kHandedToCourier, Stage::kReceived,
                  Stage::kMissing, Stage::kReconciled}) {
    if (StageName(s) == name) return s;
  }
  return Corrupt("unknown custody stage '" + std::string(name) + "'");
}

bool IsOutstanding(Stage stage) {
  return stage == Stage::kRecorded || stage == Stage::kPacked ||
         stage == Stage::kHandedToCourier || stage == Stage::kMissing;
}

bool IsValidCaseId(std::string_view id) { return IsDatedId(id, 4); }

bool IsValidItemId(std::string_view id) {
  size_t dash = id.rfind('-');
  if (dash == std::string_view::npos) return false;
  std::string_view n = id.substr(dash + 1);
  return IsValidCaseId(id.substr(0, dash)) && AllDigits(n) && n.size() <= 3 && n[0] != '0';
}

bool IsValidRegisterId(std::string_view id) {
  return id.size() > 2 && id.substr(0, 2) == "R-" && IsDatedId(id.substr(2), 3);
}

}  // namespace intake::paper
