#include "capture/page_checks.h"

#include <cstdio>
#include <string>

namespace intake::capture {

namespace {
std::string Format(const char* fmt, double a, double b) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}
}  // namespace

std::vector<PageCheck> CheckPage(const PageImage& page, double dpi,
                                 const PageExpectations& expect) {
  std::vector<PageCheck> checks;
  if (expect.max_length_mm > 0 && dpi > 0) {
    const double length_mm = page.height / dpi * 25.4;
    if (length_mm > expect.max_length_mm)
      checks.push_back({"too_long",
                        "Сторінка довша, ніж очікувалося: можливо, подавач захопив два аркуші "
                        "або аркуш складений. Перевірте і відскануйте її ще раз.",
                        Format("length %.0f mm > expected %.0f mm", length_mm,
                               expect.max_length_mm)});
  }
  if (expect.asked_dpi > 0 && dpi > 0 && dpi + 0.5 < expect.asked_dpi)
    checks.push_back({"low_resolution",
                      "Сканер видав меншу роздільність, ніж потрібно. Перевірте налаштування "
                      "і відскануйте сторінку ще раз.",
                      Format("%.0f dpi delivered, %.0f dpi asked", dpi, expect.asked_dpi)});
  const int background = page.stats.Percentile(0.5);
  const int ink = page.stats.Percentile(expect.ink_fraction);
  const int contrast = background - ink;
  if (contrast < expect.blank_contrast) {
    checks.push_back({"nearly_blank",
                      "Сторінка майже порожня. Якщо це зворот аркуша, її можна пропустити; "
                      "інакше переверніть аркуш і відскануйте знову.",
                      Format("contrast %.0f, background %.0f", contrast, background)});
  } else if (contrast < expect.faint_contrast && background >= expect.dark_background) {
    // (On a dark page low contrast is the darkness itself, reported below.)
    checks.push_back({"too_light",
                      "Зображення занадто світле, текст блідий. Відскануйте сторінку ще раз "
                      "(темніше).",
                      Format("contrast %.0f, background %.0f", contrast, background)});
  }
  if (background < expect.dark_background)
    checks.push_back({"too_dark",
                      "Сторінка занадто темна. Закрийте кришку сканера або зменште яскравість "
                      "і відскануйте її ще раз.",
                      Format("background %.0f, mean %.0f", background, page.stats.Mean())});
  return checks;
}

}  // namespace intake::capture
