// Test pages for the cleanup tests: rendered with intake_page_renderer from a fixed
// Ukrainian text, so every test knows the exact skew, turn and border it asked for.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "tools/page_renderer/page_renderer.h"

namespace intake::ocr::testing {

// About 30 lines of administrative text.
inline std::vector<std::string> TextLines(int count = 30) {
  static const char* kLines[] = {
      "Центр надання адміністративних послуг – це постійно діючий робочий орган",
      "місцевої державної адміністрації або органу місцевого самоврядування,",
      "в якому надаються адміністративні послуги через адміністратора.",
      "Заява про призначення допомоги при народженні дитини",
      "Прізвище: Руденко   Ім'я: Марія   По батькові: Петрівна",
      "Дата народження: 19.02.1959   РНОКПП: 2159951066",
      "Адреса: м. Краматорськ, вул. Шевченка, буд. 112, кв. 15",
      "IBAN: UA613486046962420705786222563   Телефон: +380933261185",
      "Прошу призначити зазначену допомогу. Достовірність наведених",
      "у заяві відомостей підтверджую. Даю згоду на обробку моїх",
  };
  std::vector<std::string> lines;
  for (int i = 0; i < count; ++i) lines.push_back(kLines[i % 10]);
  return lines;
}

inline testpages::PageSpec Spec(double skew, int turn = 0, int border = 0) {
  testpages::PageSpec spec;
  spec.lines = TextLines();
  spec.skew_deg = skew;
  spec.rotation_deg = turn;
  spec.dark_border_px = border;
  spec.noise_sigma = 5;
  spec.speckles = 100;
  return spec;
}

}  // namespace intake::ocr::testing
