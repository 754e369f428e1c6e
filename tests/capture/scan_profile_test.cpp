// Scan profiles and button mappings from the workstation configuration.
#include <gtest/gtest.h>

#include "capture/scan_profile.h"
#include "tests/support/test_util.h"

namespace intake::capture {
namespace {

constexpr const char* kConfig = R"({
  "profiles": {
    "id_card": {"description": "ID card", "settings": [["source", "flatbed"], ["mode", "Color"],
                ["resolution", 300]], "max_length_mm": 120},
    "forms": {"settings": [["source", "adf-duplex"], ["resolution", "300"]]}
  },
  "buttons": {"scan": "forms", "copy": "id_card"}
})";

TEST(ScanProfileTest, ParsesProfilesInOrderAndButtons) {
  auto profiles = ParseProfiles(kConfig);
  ASSERT_OK(profiles);
  ASSERT_EQ(profiles->size(), 2u);
  const ScanProfile* id = FindProfile(*profiles, "id_card");
  ASSERT_NE(id, nullptr);
  ASSERT_EQ(id->settings.size(), 3u);
  EXPECT_EQ(id->settings[2], (std::pair<std::string, std::string>("resolution", "300")));
  EXPECT_EQ(id->Expectations().asked_dpi, 300);
  EXPECT_EQ(id->Expectations().max_length_mm, 120);
  auto buttons = ParseButtonProfiles(kConfig, *profiles);
  ASSERT_OK(buttons);
  EXPECT_EQ(buttons->at("scan"), "forms");
}

TEST(ScanProfileTest, BadConfigSaysWhatIsWrong) {
  auto broken = ParseProfiles(R"({"profiles": {"x": {"settings": "gray"}}})");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("'x'"), std::string::npos);
  EXPECT_FALSE(ParseProfiles("{not json").ok());
  auto profiles = ParseProfiles(kConfig);
  ASSERT_OK(profiles);
  auto unknown = ParseButtonProfiles(R"({"buttons": {"scan": "nosuch"}})", *profiles);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("nosuch"), std::string::npos);
}

TEST(ScanProfileTest, SettingsFromTheCommandLine) {
  auto s = ParseSetting("source=ADF Duplex");
  ASSERT_OK(s);
  EXPECT_EQ(s->second, "ADF Duplex");
  EXPECT_FALSE(ParseSetting("resolution").ok());
  EXPECT_FALSE(ParseSetting("=5").ok());
}

}  // namespace
}  // namespace intake::capture
