#include "paper/reconciler.h"

#include <algorithm>
#include <set>

namespace intake::paper {
namespace {

std::string ItemId(const std::string& case_id, int n) { return case_id + "-" + std::to_string(n); }

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string_view FindingName(Finding::Kind kind) {
  switch (kind) {
    case Finding::Kind::kItemMissing: return "item_missing";
    case Finding::Kind::kCaseMissing: return "case_missing";
    case Finding::Kind::kExtraItem: return "extra_item";
    case Finding::Kind::kExtraCase: return "extra_case";
    case Finding::Kind::kEcaseNotArrived: return "ecase_not_arrived";
    case Finding::Kind::kRegisterReceivedTwice: return "register_received_twice";
    case Finding::Kind::kWrongBackOffice: return "wrong_back_office";
    case Finding::Kind::kRegisterUnreadable: return "register_unreadable";
  }
  return "?";
}

Reconciliation Reconcile(const ReceiptInput& in) {
  using K = Finding::Kind;
  Reconciliation r;
  if (!in.register_back_office.empty() && in.register_back_office != in.back_office) {
    r.refused = true;
    r.findings.push_back({K::kWrongBackOffice, in.register_id,
                          "Реєстр " + in.register_id + " адресовано іншому бек-офісу (" +
                              in.register_back_office +
                              "). Не приймайте документи: поверніть їх кур'єру й повідомте "
                              "фронт-офіс."});
    return r;
  }
  if (in.previous_receipt_at) {
    r.received_twice = true;
    r.findings.push_back({K::kRegisterReceivedTwice, in.register_id,
                          "Реєстр " + in.register_id + " уже приймали (" +
                              *in.previous_receipt_at +
                              "). Перевірте, чи це не той самий пакет удруге; не реєструйте "
                              "документи повторно, зверніться до фронт-офісу."});
  }
  std::map<std::string, std::vector<int>> covers;
  for (const auto& c : in.covers) {
    auto& numbers = covers[c.case_id];
    numbers.insert(numbers.end(), c.item_numbers.begin(), c.item_numbers.end());
  }
  std::set<std::string> listed;  // item ids the register lists
  std::set<std::string> cases_with_paper;
  auto add = [&](const std::string& case_id, int n, ItemOutcome outcome) {
    std::string id = ItemId(case_id, n);
    if (outcome != ItemOutcome::kMissing && Contains(in.marked_missing, id)) {
      outcome = ItemOutcome::kMissing;
    }
    if (outcome == ItemOutcome::kMissing) {
      r.findings.push_back({K::kItemMissing, id,
                            "Документа " + id + " немає в пакеті. Позначте його відсутнім; "
                            "фронт-офіс отримає повідомлення й надішле його повторно."});
    } else {
      cases_with_paper.insert(case_id);
    }
    r.items.push_back({id, case_id, outcome});
  };

  if (in.register_cases) {
    for (const auto& c : *in.register_cases) {
      for (int n : c.item_numbers) listed.insert(ItemId(c.case_id, n));
      if (!covers.contains(c.case_id)) {
        r.findings.push_back({K::kCaseMissing, c.case_id,
                              "Справу " + c.case_id + " зазначено в реєстрі, але її пакета з "
                              "супровідним аркушем немає. Перевірте пакет ще раз; якщо його "
                              "немає — документи справи буде позначено відсутніми."});
        for (int n : c.item_numbers) {
          r.items.push_back({ItemId(c.case_id, n), c.case_id, ItemOutcome::kMissing});
        }
        continue;
      }
      for (int n : c.item_numbers) add(c.case_id, n, ItemOutcome::kReceived);
    }
  } else {
    r.findings.push_back({K::kRegisterUnreadable, in.register_id,
                          "Код реєстру " + in.register_id + " не прочитано, номер введено "
                          "вручну: звірте перелік документів з паперовим реєстром."});
    for (const auto& [case_id, numbers] : covers) {
      std::vector<int> ns = numbers;
      if (ns.empty() && in.ecases.contains(case_id)) ns = in.ecases.at(case_id);
      for (int n : ns) {
        listed.insert(ItemId(case_id, n));
        add(case_id, n, ItemOutcome::kReceived);
      }
    }
  }
  // Cover sheets of cases the register does not list.
  if (in.register_cases) {
    for (const auto& [case_id, numbers] : covers) {
      bool in_register = std::any_of(in.register_cases->begin(), in.register_cases->end(),
                                     [&](const CaseItems& c) { return c.case_id == case_id; });
      if (in_register) continue;
      std::vector<int> ns = numbers;
      if (ns.empty() && in.ecases.contains(case_id)) ns = in.ecases.at(case_id);
      r.findings.push_back({K::kExtraCase, case_id,
                            "Пакет справи " + case_id + " не зазначено в реєстрі " +
                                in.register_id + ". Прийміть його на зберігання й додайте "
                                "до акту звірки; фронт-офіс отримає повідомлення."});
      for (int n : ns) {
        listed.insert(ItemId(case_id, n));  // reported once, as part of the extra case
        r.items.push_back({ItemId(case_id, n), case_id, ItemOutcome::kExtra});
        cases_with_paper.insert(case_id);
      }
    }
  }
  for (const auto& id : in.marked_extra) {
    if (listed.contains(id)) continue;
    std::string case_id;
    int n = 0;
    if (!SplitItemId(id, &case_id, &n)) continue;
    r.findings.push_back({K::kExtraItem, id,
                          "Документ " + id + " є в пакеті, але не зазначений у реєстрі. "
                          "Прийміть його на зберігання й додайте до акту звірки."});
    r.items.push_back({id, case_id, ItemOutcome::kExtra});
    cases_with_paper.insert(case_id);
  }
  for (const auto& case_id : cases_with_paper) {
    if (in.ecases.contains(case_id)) continue;
    r.cases_without_ecase.push_back(case_id);
    r.findings.push_back({K::kEcaseNotArrived, case_id,
                          "Паперові документи справи " + case_id + " надійшли, а електронна "
                          "справа — ні. Не починайте розгляд: зберігайте документи й попросіть "
                          "фронт-офіс надіслати е-справу повторно."});
  }
  return r;
}

}  // namespace intake::paper
