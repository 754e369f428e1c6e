#include "paper/cover_sheet.h"

#include <algorithm>

#include "core/file_util.h"
#include "paper/code128.h"
#include "paper/paper_labels.h"
#include "paper/pdf_canvas.h"

namespace intake::paper {
namespace {

// 15 rows leave room on the last page for the totals and the instructions above the footer
// (rows start at 98 mm, 10 mm each; the footer is at 280 mm).
constexpr int kItemsPerPage = 15;
constexpr double kLeft = 20, kRight = 190;

void DrawHeader(PdfCanvas& pdf, const CaseIntake& intake, Date date, const QrMatrix& qr,
                const std::vector<int>& code128, int page, int pages) {
  using F = PdfCanvas::Font;
  pdf.Text(kLeft, 25, 17, "Супровідний аркуш", F::kBold);
  pdf.Text(kLeft, 32, 10.5, "паперових документів до електронної справи");
  pdf.Qr(qr, 145, 12, 45);
  // The same payload as a linear Code 128 across the page, for hand scanners without 2D.
  pdf.Barcode(code128, kLeft, 74, kRight - kLeft, 9);
  pdf.Text(148, 61, 8, intake.case_id);
  const double label_x = kLeft, value_x = kLeft + 45;
  struct Row {
    const char* label;
    std::string value;
  } rows[] = {{"Справа №", intake.case_id},
              {"Заявник (ініціали)", intake.initials.empty() ? "—" : intake.initials},
              {"Отримувач", intake.back_office},
              {"Дата прийому", FormatDateUa(date)},
              {"Оператор", intake.actor.empty() ? "—" : intake.actor}};
  double y = 45;
  for (const auto& r : rows) {
    pdf.Text(label_x, y, 10, r.label);
    pdf.TextFitted(value_x, y, r.label == rows[0].label ? 13 : 11, r.value, 75,
                   r.label == rows[0].label ? F::kBold : F::kRegular);
    y += 6.5;
  }
  if (pages > 1) {
    pdf.Text(kLeft, 285, 8, "Аркуш " + std::to_string(page) + " з " + std::to_string(pages));
  }
}

}  // namespace

CaseItems CoverItemsOf(const CaseIntake& intake) {
  CaseItems items{intake.case_id, {}};
  for (const auto& spec : intake.items) {
    std::string case_id;
    int n = 0;
    if (SplitItemId(spec.item_id, &case_id, &n)) items.item_numbers.push_back(n);
  }
  std::sort(items.item_numbers.begin(), items.item_numbers.end());
  return items;
}

Result<std::string> RenderCoverSheetPdf(const CaseIntake& intake, Date intake_date) {
  using F = PdfCanvas::Font;
  if (!IsValidCaseId(intake.case_id)) {
    return InvalidArgument("cover sheet: case id '" + intake.case_id + "' is malformed");
  }
  CaseItems items = CoverItemsOf(intake);
  if (items.item_numbers.size() != intake.items.size() || items.item_numbers.empty()) {
    return InvalidArgument("cover sheet for " + intake.case_id +
                           ": no paper items, or an item id is malformed");
  }
  std::string payload = EncodeCoverCode(items);
  INTAKE_ASSIGN_OR_RETURN(QrMatrix qr, EncodeQr(payload));
  INTAKE_ASSIGN_OR_RETURN(std::vector<int> code128, EncodeCode128(payload));
  INTAKE_ASSIGN_OR_RETURN(auto pdf, PdfCanvas::Create("Супровідний аркуш " + intake.case_id));
  int pages = (static_cast<int>(intake.items.size()) + kItemsPerPage - 1) / kItemsPerPage;
  int total_sheets = 0;
  for (const auto& s : intake.items) total_sheets += s.sheets;
  for (int page = 0; page < pages; ++page) {
    if (page > 0) pdf->NewPage();
    DrawHeader(*pdf, intake, intake_date, qr, code128, page + 1, pages);
    double y = 89;
    pdf->Text(kLeft, y, 9, "№", F::kBold);
    pdf->Text(kLeft + 10, y, 9, "Документ", F::kBold);
    pdf->Text(118, y, 9, "Вид", F::kBold);
    pdf->Text(143, y, 9, "Аркушів", F::kBold);
    pdf->Text(163, y, 9, "Отримано", F::kBold);
    pdf->Line(kLeft, y + 2, kRight, y + 2);
    y += 9;
    int first = page * kItemsPerPage;
    int last = std::min<int>(first + kItemsPerPage, static_cast<int>(intake.items.size()));
    for (int i = first; i < last; ++i) {
      const auto& s = intake.items[i];
      pdf->Text(kLeft, y, 10, std::to_string(i + 1));
      pdf->TextFitted(kLeft + 10, y, 10, DocumentLabel(s.document_class), 95);
      pdf->Text(kLeft + 10, y + 3.8, 7, s.item_id);
      pdf->Text(118, y, 10, KindLabel(s.kind));
      pdf->Text(147, y, 10, std::to_string(s.sheets));
      pdf->Rect(168, y - 4, 5, 5);
      pdf->Line(kLeft, y + 5.5, kRight, y + 5.5, 0.3);
      y += 10;
    }
    if (page == pages - 1) {
      y += 4;
      pdf->Text(kLeft, y, 10.5,
                "Разом: документів — " + std::to_string(intake.items.size()) + ", " +
                    SheetsLabel(total_sheets) + ".",
                F::kBold);
      y += 8;
      pdf->Text(kLeft, y, 9, "Бек-офіс: відскануйте код або введіть номер справи;");
      pdf->Text(kLeft, y + 4.5, 9, "позначте документи, яких немає в пакеті.");
    }
    pdf->Text(kLeft, 280, 7.5,
              "Аркуш не містить персональних даних, крім ініціалів заявника.");
  }
  return pdf->Finish();
}

Status WriteCoverSheetPdf(const CaseIntake& intake, const std::filesystem::path& out,
                          Date intake_date) {
  INTAKE_ASSIGN_OR_RETURN(std::string bytes, RenderCoverSheetPdf(intake, intake_date));
  if (out.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(out.parent_path(), 0700));
  return WriteFileAtomic(out, bytes, 0600);
}

}  // namespace intake::paper
