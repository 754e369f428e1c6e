#include "ocr/field_extractor.h"

#include <gtest/gtest.h>

#include "ocr/doc_classifier.h"

namespace intake::ocr {
namespace {

const FieldResult* Find(const std::vector<FieldResult>& fields, const std::string& name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

constexpr const char* kForm =
    "ЗАЯВА\n"
    "про призначення допомоги малозабезпеченій сім'ї\n"
    "Прізвище: Олійник\n"
    "Ім'я: Петро\n"
    "По батькові: Олексійович\n"
    "Дата народження: 17.03.1967\n"
    "РНОКПП: 2454770736\n"
    "Паспорт (ID-картка) №: 297102822\n"
    "УНЗР: 19670317-54157\n"
    "Адреса: с. Сіверське, вул. Соборна, буд. 111, кв. 73\n"
    "Телефон: +380503876302\n"
    "IBAN: UA393704505285596654259874717\n"
    "Дата подання: 06.10.2026 Підпис ____________\n";

TEST(FieldExtractorTest, ReadsEveryFieldOfACleanForm) {
  const auto fields = ExtractFieldsFromText(kForm);
  const std::pair<const char*, const char*> expected[] = {
      {"surname", "Олійник"},        {"given_name", "Петро"},
      {"patronymic", "Олексійович"}, {"birth_date", "17.03.1967"},
      {"rnokpp", "2454770736"},      {"id_card", "297102822"},
      {"unzr", "19670317-54157"},    {"phone", "+380503876302"},
      {"address", "с. Сіверське, вул. Соборна, буд. 111, кв. 73"},
      {"iban", "UA393704505285596654259874717"}};
  for (const auto& [name, value] : expected) {
    const FieldResult* f = Find(fields, name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->value, value) << name;
    EXPECT_TRUE(f->valid) << name << ": " << f->reason;
  }
  EXPECT_EQ(ClassifyDocument(kForm, fields).doc_type, kDocApplicationForm);
}

TEST(FieldExtractorTest, MisreadLabelsAndLookalikesStillMatch) {
  const auto fields = ExtractFieldsFromText(
      "Прізвищe: Олiйник\n"          // Latin e and i
      "Iм’я: Пeтро\n"                // Latin I, curly apostrophe
      "Дата нapодження 17.03.1967\n" // colon lost, Latin a/p
      "PHOKПП: 24547 70736\n"        // Latin P/H/O/K, split number
      "Паспорт (ID-картка) Мо: 297102822\n"  // № read as Мо
      "ІВАМ: UA39 3704 5052 8559 6654 2598 7471 7\n");  // IBAN read as ІВАМ
  const FieldResult* surname = Find(fields, "surname");
  ASSERT_NE(surname, nullptr);
  EXPECT_EQ(surname->value, "Олійник");
  const FieldResult* birth = Find(fields, "birth_date");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->value, "17.03.1967");
  const FieldResult* rnokpp = Find(fields, "rnokpp");
  ASSERT_NE(rnokpp, nullptr);
  EXPECT_EQ(rnokpp->value, "2454770736");
  EXPECT_TRUE(rnokpp->valid) << rnokpp->reason;
  const FieldResult* id = Find(fields, "id_card");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->value, "297102822");
  const FieldResult* iban = Find(fields, "iban");
  ASSERT_NE(iban, nullptr);
  EXPECT_EQ(iban->value, "UA393704505285596654259874717");
  EXPECT_TRUE(iban->valid) << iban->reason;
}

TEST(FieldExtractorTest, CrossChecksRnokppAgainstBirthDateAndSex) {
  const auto fields = ExtractFieldsFromText(
      "По батькові: Олексіївна\n"
      "Дата народження: 17.03.1967\n"
      "РНОКПП: 2454770736\n");
  const FieldResult* rnokpp = Find(fields, "rnokpp");
  ASSERT_NE(rnokpp, nullptr);
  EXPECT_FALSE(rnokpp->valid);  // the number says male, the patronymic female
  EXPECT_NE(rnokpp->reason.find("sex"), std::string::npos);
  EXPECT_LT(rnokpp->confidence, 1.0f);
}

TEST(FieldExtractorTest, BookletPassportIsReportedAsPassport) {
  const auto fields = ExtractFieldsFromText("Паспорт: КВ 123456\n");
  const FieldResult* passport = Find(fields, "passport");
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "КВ123456");
  EXPECT_TRUE(passport->valid);
}

TEST(FieldExtractorTest, LabelMatchingToleratesFewEditsOnly) {
  EXPECT_TRUE(LabelMatches("ІВАМ", "IBAN"));
  EXPECT_TRUE(LabelMatches("Прізвнще", "Прізвище"));
  EXPECT_FALSE(LabelMatches("Дата подання", "Дата народження"));
  EXPECT_FALSE(LabelMatches("Тип", "Тел"));
  EXPECT_EQ(EditDistance("ім'я", "імя"), 1);
}

TEST(DocClassifierTest, HeadingsDecideTheClass) {
  EXPECT_EQ(ClassifyDocument("СВІДОЦТВО ПРО НАРОДЖЕННЯ\nактовий запис № 12", {}).doc_type,
            kDocBirthCertificate);
  EXPECT_EQ(ClassifyDocument("ДОВІДКА про взяття на облік внутрішньо переміщеної особи", {})
                .doc_type,
            kDocIdpCertificate);
  EXPECT_EQ(ClassifyDocument("ДЕКЛАРАЦІЯ про доходи та майновий стан", {}).doc_type,
            kDocIncomeDeclaration);
  EXPECT_EQ(ClassifyDocument("ПАСПОРТ ГРОМАДЯНИНА УКРАЇНИ\nОрган, що видав", {}).doc_type,
            kDocPassport);
  EXPECT_EQ(ClassifyDocument("Реєстраційний номер облікової картки платника податків\n"
                             "Державна податкова служба", {}).doc_type,
            kDocRnokppCard);
  const DocClass other = ClassifyDocument("Законодавча база про підключення", {});
  EXPECT_EQ(other.doc_type, kDocOther);
}

}  // namespace
}  // namespace intake::ocr
