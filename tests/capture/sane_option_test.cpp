// The option model: parsing and checking values against descriptors, and the descriptors the
// real SANE `test` backend publishes (all types, units, constraints, capabilities, reloads).
#include <gtest/gtest.h>

#include "capture/sane_device.h"
#include "capture/sane_option.h"
#include "capture/sane_session.h"
#include "tests/capture/sane_test_env.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

OptionDescriptor Range(OptionType type, double min, double max, double quant) {
  OptionDescriptor o;
  o.name = "x";
  o.type = type;
  o.unit = OptionUnit::kMm;
  o.soft_select = o.soft_detect = true;
  o.constraint = ConstraintKind::kRange;
  o.min = min;
  o.max = max;
  o.quant = quant;
  return o;
}

TEST(SaneOptionTest, RangeWithQuantisation) {
  OptionDescriptor o = Range(OptionType::kInt, 4, 192, 2);
  EXPECT_OK(ParseOptionValue(o, "4"));
  EXPECT_OK(ParseOptionValue(o, "190mm"));
  auto odd = ParseOptionValue(o, "5");
  ASSERT_FALSE(odd.ok());
  EXPECT_NE(odd.status().message().find("4..192 mm (step 2)"), std::string::npos)
      << odd.status().message();
  EXPECT_FALSE(ParseOptionValue(o, "194").ok());
  EXPECT_FALSE(ParseOptionValue(o, "1.5").ok());
  EXPECT_FALSE(ParseOptionValue(o, "abc").ok());
}

TEST(SaneOptionTest, FixedValuesAndArrays) {
  OptionDescriptor o = Range(OptionType::kFixed, 0, 215.9, 0);
  auto v = ParseOptionValue(o, "210.5");
  ASSERT_OK(v);
  EXPECT_DOUBLE_EQ(v->numbers[0], 210.5);
  EXPECT_EQ(FormatOptionValue(o, *v), "210.5");
  o.value_count = 3;
  auto all = ParseOptionValue(o, "7");
  ASSERT_OK(all);
  EXPECT_EQ(all->numbers.size(), 3u);  // one value fills the array
  EXPECT_OK(ParseOptionValue(o, "1,2,3"));
  EXPECT_FALSE(ParseOptionValue(o, "1,2").ok());
}

TEST(SaneOptionTest, StringListMatchesCaseInsensitivelyAndBoolWords) {
  OptionDescriptor o;
  o.name = "source";
  o.type = OptionType::kString;
  o.size = 32;
  o.soft_select = o.soft_detect = true;
  o.constraint = ConstraintKind::kStringList;
  o.string_list = {"Flatbed", "ADF Duplex"};
  auto v = ParseOptionValue(o, "adf duplex");
  ASSERT_OK(v);
  EXPECT_EQ(v->text, "ADF Duplex");
  EXPECT_FALSE(ParseOptionValue(o, "ADF").ok());
  OptionDescriptor b;
  b.name = "preview";
  b.type = OptionType::kBool;
  b.soft_select = b.soft_detect = true;
  EXPECT_EQ(ParseOptionValue(b, "on")->numbers[0], 1);
  EXPECT_EQ(ParseOptionValue(b, "No")->numbers[0], 0);
  EXPECT_FALSE(ParseOptionValue(b, "maybe").ok());
  b.soft_select = false;  // a sensor
  EXPECT_TRUE(b.is_sensor());
  EXPECT_EQ(ParseOptionValue(b, "yes").status().code(), Code::kFailedPrecondition);
}

class SaneOptionDeviceTest : public testing::SaneTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SaneTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(OpenDevice("test:0"));
  }
};

TEST_F(SaneOptionDeviceTest, DescriptorsCarryTypesUnitsAndConstraints) {
  const OptionDescriptor* resolution = device_->FindOption("resolution");
  ASSERT_NE(resolution, nullptr);
  EXPECT_EQ(resolution->type, OptionType::kFixed);
  EXPECT_EQ(resolution->unit, OptionUnit::kDpi);
  EXPECT_EQ(resolution->constraint, ConstraintKind::kRange);
  EXPECT_EQ(resolution->max, 1200);
  const OptionDescriptor* depth = device_->FindOption("depth");
  ASSERT_NE(depth, nullptr);
  EXPECT_EQ(depth->constraint, ConstraintKind::kWordList);
  EXPECT_EQ(DescribeAllowed(*depth), "1|8|16");
  auto bad = device_->SetOption("depth", "12");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("1|8|16"), std::string::npos);
  // A fixed-point range with a quantisation of 1 dpi: 150.5 is refused before SANE sees it.
  auto off_step = device_->SetOption("resolution", "150.5");
  ASSERT_FALSE(off_step.ok());
  EXPECT_NE(off_step.status().message().find("1..1200 dpi (step 1)"), std::string::npos);
  auto set = device_->SetOption("resolution", "150dpi");
  ASSERT_OK(set);
  EXPECT_EQ(set->value, "150");
}

TEST_F(SaneOptionDeviceTest, SettingAnOptionReloadsWhatOthersAllow) {
  const OptionDescriptor* three_pass = device_->FindOption("three-pass");
  ASSERT_NE(three_pass, nullptr);
  EXPECT_TRUE(three_pass->inactive);
  EXPECT_EQ(device_->SetOption("three-pass", "yes").status().code(), Code::kFailedPrecondition);
  auto color = device_->SetOption("mode", "Color");
  ASSERT_OK(color);
  EXPECT_TRUE(color->reloaded_options);
  EXPECT_FALSE(device_->FindOption("three-pass")->inactive);
  EXPECT_OK(device_->SetOption("three-pass", "yes"));
}

TEST_F(SaneOptionDeviceTest, TestOptionsCoverEveryCapability) {
  ASSERT_OK(device_->SetOption("enable-test-options", "yes"));
  const OptionDescriptor* hard = device_->FindOption("bool-hard-select-soft-detect");
  ASSERT_NE(hard, nullptr);
  EXPECT_TRUE(hard->hard_select);
  EXPECT_TRUE(hard->readable());
  EXPECT_FALSE(hard->settable());
  const OptionDescriptor* automatic = device_->FindOption("bool-soft-select-soft-detect-auto");
  ASSERT_NE(automatic, nullptr);
  EXPECT_TRUE(automatic->automatic);
  EXPECT_OK(device_->SetOptionAuto("bool-soft-select-soft-detect-auto"));
  EXPECT_FALSE(device_->SetOptionAuto("resolution").ok());
  const OptionDescriptor* array = device_->FindOption("int-constraint-array-constraint-range");
  ASSERT_NE(array, nullptr);
  EXPECT_GT(array->value_count, 1);
  EXPECT_OK(device_->SetOption("int-constraint-array-constraint-range", "8"));
  EXPECT_FALSE(device_->SetOption("int-constraint-array-constraint-range", "7").ok());
  auto inexact = device_->SetOption("int-inexact", "5");
  ASSERT_OK(inexact);
  EXPECT_TRUE(inexact->inexact);
  auto text = device_->SetOption("string-constraint-string-list", "Second entry");
  EXPECT_OK(text);
  EXPECT_OK(device_->SetOption("button", ""));  // a button is pressed, no value
}

}  // namespace
}  // namespace intake::capture
