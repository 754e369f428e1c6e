#include "ocr/validator.h"

#include <gtest/gtest.h>

namespace intake::ocr {
namespace {

TEST(ValidatorTest, RnokppCheckDigitAndBirthDate) {
  // Valid numbers from corpus/dev/truth.json with their holders' birth dates.
  EXPECT_TRUE(ValidateRnokpp("2454770736", ParseDate("17.03.1967"), true).valid);
  EXPECT_TRUE(ValidateRnokpp("2159951066", ParseDate("19.02.1959"), false).valid);
  EXPECT_TRUE(ValidateRnokpp("2355454630", ParseDate("27.06.1964"), true).valid);
  EXPECT_TRUE(ValidateRnokpp("2639461309", ParseDate("06.04.1972"), false).valid);
  const Date d = RnokppBirthDate("2454770736");
  EXPECT_EQ(d.day, 17);
  EXPECT_EQ(d.month, 3);
  EXPECT_EQ(d.year, 1967);
  EXPECT_EQ(DaysSince18991231(Date{1, 1, 1900}), 1);
}

TEST(ValidatorTest, RnokppRejectsWrongCheckDigitDateAndSex) {
  const Validation bad = ValidateRnokpp("2454770737");
  EXPECT_FALSE(bad.valid);
  EXPECT_NE(bad.reason.find("check digit"), std::string::npos);
  EXPECT_FALSE(ValidateRnokpp("245477073").valid);
  const Validation wrong_date = ValidateRnokpp("2454770736", ParseDate("18.03.1967"));
  EXPECT_FALSE(wrong_date.valid);
  EXPECT_NE(wrong_date.reason.find("date of birth"), std::string::npos);
  const Validation wrong_sex = ValidateRnokpp("2454770736", std::nullopt, false);
  EXPECT_FALSE(wrong_sex.valid);
  EXPECT_NE(wrong_sex.reason.find("sex"), std::string::npos);
}

TEST(ValidatorTest, RnokppReadsLookalikeDigits) {
  // OCR read the zero as a Cyrillic О and split the number.
  const Validation v = ValidateRnokpp("24547 7О736");
  EXPECT_TRUE(v.valid) << v.reason;
  EXPECT_EQ(v.canonical, "2454770736");
}

TEST(ValidatorTest, IbanMod97) {
  EXPECT_TRUE(ValidateIban("UA393704505285596654259874717").valid);
  EXPECT_TRUE(ValidateIban("UA61 3486 0469 6242 0705 7862 2256 3").valid);
  // Cyrillic У and А read for the Latin letters.
  const Validation cyr = ValidateIban("УА032768490591257397467191404");
  EXPECT_TRUE(cyr.valid) << cyr.reason;
  EXPECT_EQ(cyr.canonical, "UA032768490591257397467191404");
  const Validation bad = ValidateIban("UA393704505285596654259874718");
  EXPECT_FALSE(bad.valid);
  EXPECT_NE(bad.reason.find("mod 97"), std::string::npos);
  EXPECT_FALSE(ValidateIban("UA3937045052855966542598747").valid);
}

TEST(ValidatorTest, DocumentNumbers) {
  EXPECT_TRUE(ValidateIdCardNumber("297102822").valid);
  EXPECT_FALSE(ValidateIdCardNumber("29710282").valid);
  const Validation booklet = ValidateBookletPassport("KB 123456");  // Latin K, B
  EXPECT_TRUE(booklet.valid) << booklet.reason;
  EXPECT_EQ(booklet.canonical, "КВ123456");
  EXPECT_FALSE(ValidateBookletPassport("К1123456").valid);
  EXPECT_FALSE(ValidateBookletPassport("КВ12345").valid);
}

TEST(ValidatorTest, UnzrDateAndFormat) {
  EXPECT_TRUE(ValidateUnzr("19670317-54157", ParseDate("17.03.1967")).valid);
  EXPECT_TRUE(ValidateUnzr("19590219-68013").valid);
  EXPECT_FALSE(ValidateUnzr("19670317-54157", ParseDate("18.03.1967")).valid);
  EXPECT_FALSE(ValidateUnzr("19671317-54157").valid);  // month 13
  EXPECT_FALSE(ValidateUnzr("19670317-5415").valid);
}

TEST(ValidatorTest, DatesPhonesNamesAddresses) {
  EXPECT_TRUE(ValidateDate("29.02.2024").valid);
  EXPECT_FALSE(ValidateDate("29.02.2023").valid);
  EXPECT_FALSE(ValidateDate("1.2.2023").valid);
  EXPECT_EQ(ValidatePhone("+380 50 387 63 02").canonical, "+380503876302");
  EXPECT_TRUE(ValidatePhone("0503876302").valid);
  EXPECT_FALSE(ValidatePhone("+38050387630").valid);
  EXPECT_TRUE(ValidatePersonName("Олійник").valid);
  EXPECT_TRUE(ValidatePersonName("Мар'яна").valid);
  EXPECT_TRUE(ValidatePersonName("Kоваленко").valid);  // Latin K folded
  EXPECT_FALSE(ValidatePersonName("олійник").valid);
  EXPECT_FALSE(ValidatePersonName("Олій7ник").valid);
  // Regression: a capital "І" read as "ТГ" was accepted as the given name "ТГрина".
  EXPECT_FALSE(ValidatePersonName("ТГрина").valid);
  EXPECT_FALSE(ValidatePersonName("ОлійНик").valid);
  EXPECT_TRUE(ValidatePersonName("Квітка-Основ'яненко").valid);
  EXPECT_TRUE(ValidatePersonName("Д'Артаньян").valid);
  EXPECT_TRUE(ValidatePersonName("Анна Марія").valid);
  EXPECT_TRUE(ValidateAddress("с. Сіверське, вул. Соборна, буд. 111, кв. 73").valid);
  EXPECT_TRUE(ValidateAddress("м. Краматорськ, вул. Шевченка, буд. 112, кв. 15").valid);
  EXPECT_FALSE(ValidateAddress("вул. Соборна").valid);
  EXPECT_EQ(MaleFromPatronymic("Олексійович"), std::optional<bool>(true));
  EXPECT_EQ(MaleFromPatronymic("Петрівна"), std::optional<bool>(false));
}

}  // namespace
}  // namespace intake::ocr
