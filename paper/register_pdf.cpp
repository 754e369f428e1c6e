#include "paper/register_pdf.h"

#include <algorithm>
#include <map>

#include "core/file_util.h"
#include "paper/paper_labels.h"
#include "paper/pdf_canvas.h"

namespace intake::paper {
namespace {

constexpr int kRowsPerPage = 20;
constexpr int kRowsOnLastPage = 14;
constexpr double kLeft = 15, kRight = 195;
using F = PdfCanvas::Font;

void DrawHeader(PdfCanvas& pdf, const RegisterInfo& reg, const std::string& front_office,
                const QrMatrix& qr, int copy, int page, int pages) {
  pdf.Text(kLeft, 22, 15, "РЕЄСТР ПЕРЕДАЧІ", F::kBold);
  pdf.Text(kLeft, 29, 10, "паперових документів до електронних справ");
  pdf.Text(kLeft, 38, 12.5, "№ " + reg.register_id, F::kBold);
  auto created = ParseInstant(reg.created_at);
  pdf.Text(kLeft, 46, 10, "Дата складання: " + (created.ok() ? FormatDateUa(DayOf(*created))
                                                              : reg.created_at));
  pdf.TextFitted(kLeft, 52, 10, "Від (фронт-офіс): " + front_office, 120);
  pdf.TextFitted(kLeft, 58, 10, "Кому (бек-офіс): " + reg.back_office, 120);
  pdf.Text(kLeft, 66, 9.5,
           copy == 1 ? "Примірник 1 з 2 — залишається у фронт-офісі"
                     : "Примірник 2 з 2 — передається до бек-офісу",
           F::kBold);
  pdf.Qr(qr, 145, 8, 50);
  pdf.Text(kRight - pdf.TextWidthMm(7.5, reg.register_id), 61, 7.5, reg.register_id);
  pdf.Text(kLeft, 288, 7.5,
           "Сторінка " + std::to_string(page) + " з " + std::to_string(pages) +
               ". Реєстр не містить персональних даних.");
}

void DrawSignatures(PdfCanvas& pdf, double y) {
  const char* roles[] = {"Передав (фронт-офіс):", "Доставив (кур'єр):", "Прийняв (бек-офіс):"};
  for (const char* role : roles) {
    pdf.Text(kLeft, y, 10, role);
    pdf.Line(kLeft + 46, y + 1, kLeft + 82, y + 1, 0.4);
    pdf.Line(kLeft + 87, y + 1, kLeft + 142, y + 1, 0.4);
    pdf.Text(kLeft + 147, y, 10, "«___» _______ 20__");
    pdf.Text(kLeft + 55, y + 4.5, 7, "(підпис)");
    pdf.Text(kLeft + 100, y + 4.5, 7, "(прізвище, ініціали)");
    y += 14;
  }
}

}  // namespace

std::vector<CaseItems> RegisterCasesOf(const RegisterInfo& reg) {
  std::map<std::string, std::vector<int>> by_case;
  for (const auto& item : reg.items) {
    std::string case_id;
    int n = 0;
    if (SplitItemId(item.spec.item_id, &case_id, &n)) by_case[case_id].push_back(n);
  }
  std::vector<CaseItems> cases;
  for (auto& [id, numbers] : by_case) {
    std::sort(numbers.begin(), numbers.end());
    cases.push_back({id, std::move(numbers)});
  }
  return cases;
}

Result<std::string> RegisterCodeOf(const RegisterInfo& reg) {
  return EncodeRegisterCode(reg.register_id, reg.back_office, RegisterCasesOf(reg));
}

Result<std::string> RenderRegisterPdf(const RegisterInfo& reg, const std::string& front_office) {
  if (reg.items.empty()) return InvalidArgument("register " + reg.register_id + " is empty");
  INTAKE_ASSIGN_OR_RETURN(std::string code, RegisterCodeOf(reg));
  // Long registers get a lower error-correction level so that modules stay printable.
  INTAKE_ASSIGN_OR_RETURN(QrMatrix qr, EncodeQr(code, code.size() > 400 ? 'M' : 'Q'));
  INTAKE_ASSIGN_OR_RETURN(auto pdf, PdfCanvas::Create("Реєстр передачі " + reg.register_id));
  std::vector<PaperItem> items = reg.items;
  std::stable_sort(items.begin(), items.end(), [](const PaperItem& a, const PaperItem& b) {
    return a.case_id < b.case_id;
  });
  int rows = static_cast<int>(items.size());
  // The last page also holds totals and signatures: at most kRowsOnLastPage rows fit there.
  int pages = rows <= kRowsOnLastPage
                  ? 1
                  : 1 + (rows - kRowsOnLastPage + kRowsPerPage - 1) / kRowsPerPage;
  int sheets = 0;
  for (const auto& i : items) sheets += i.spec.sheets;
  size_t cases = RegisterCasesOf(reg).size();
  for (int copy = 1; copy <= 2; ++copy) {
    for (int page = 0; page < pages; ++page) {
      if (copy > 1 || page > 0) pdf->NewPage();
      DrawHeader(*pdf, reg, front_office, qr, copy, page + 1, pages);
      double y = 78;
      pdf->Text(kLeft, y, 8.5, "№", F::kBold);
      pdf->Text(kLeft + 9, y, 8.5, "Справа", F::kBold);
      pdf->Text(kLeft + 52, y, 8.5, "Документ", F::kBold);
      pdf->Text(kLeft + 128, y, 8.5, "Вид", F::kBold);
      pdf->Text(kLeft + 150, y, 8.5, "Арк.", F::kBold);
      pdf->Text(kLeft + 163, y, 8.5, "Отр.", F::kBold);
      pdf->Line(kLeft, y + 2, kRight, y + 2);
      y += 8;
      int first = page * kRowsPerPage;
      int last = std::min(first + kRowsPerPage, rows);
      for (int i = first; i < last; ++i) {
        const auto& item = items[i];
        pdf->Text(kLeft, y, 9, std::to_string(i + 1));
        pdf->Text(kLeft + 9, y, 9, item.case_id);
        pdf->TextFitted(kLeft + 52, y, 9, DocumentLabel(item.spec.document_class), 74);
        pdf->Text(kLeft + 52, y + 3.5, 6.5, item.spec.item_id);
        pdf->Text(kLeft + 128, y, 9, KindLabel(item.spec.kind));
        pdf->Text(kLeft + 152, y, 9, std::to_string(item.spec.sheets));
        pdf->Rect(kLeft + 165, y - 3.5, 4.5, 4.5, 0.5);
        pdf->Line(kLeft, y + 5, kRight, y + 5, 0.25);
        y += 9;
      }
      if (page == pages - 1) {
        y += 5;
        pdf->Text(kLeft, y, 10,
                  "Разом: справ — " + std::to_string(cases) + ", документів — " +
                      std::to_string(rows) + ", " + SheetsLabel(sheets) + ".",
                  F::kBold);
        DrawSignatures(*pdf, std::max(y + 12, 235.0));
      }
    }
  }
  return pdf->Finish();
}

Status WriteRegisterPdf(const RegisterInfo& reg, const std::string& front_office,
                        const std::filesystem::path& out) {
  INTAKE_ASSIGN_OR_RETURN(std::string bytes, RenderRegisterPdf(reg, front_office));
  if (out.has_parent_path()) INTAKE_RETURN_IF_ERROR(MakeDirectories(out.parent_path(), 0700));
  return WriteFileAtomic(out, bytes, 0644);
}

}  // namespace intake::paper
