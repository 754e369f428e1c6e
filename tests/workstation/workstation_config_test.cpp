#include "workstation/workstation_config.h"

#include "tests/support/test_util.h"

namespace intake {
namespace {

TEST(WorkstationConfigTest, RoundTripsThroughJson) {
  WorkstationConfig c;
  c.workstation_id = "CNAP7";
  c.spool_dir = "/tmp/spool";
  c.back_office.id = "pfu-poltava";
  c.back_office.url = "https://bo.example:8443";
  c.scanner.resolution = 200;
  auto parsed = ParseWorkstationConfig(WorkstationConfigToJson(c));
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->workstation_id, "CNAP7");
  EXPECT_EQ(parsed->back_office.id, "pfu-poltava");
  EXPECT_EQ(parsed->scanner.resolution, 200);
  EXPECT_EQ(parsed->queue_path(), "/tmp/spool/transfer-queue.db");
}

TEST(WorkstationConfigTest, ErrorsNameTheField) {
  auto bad_res = ParseWorkstationConfig(R"({"scanner": {"resolution": 5}})");
  ASSERT_FALSE(bad_res.ok());
  EXPECT_NE(bad_res.status().message().find("scanner.resolution"), std::string::npos);
  auto bad_url = ParseWorkstationConfig(R"({"back_office": {"url": "ftp://x"}})");
  ASSERT_FALSE(bad_url.ok());
  EXPECT_NE(bad_url.status().message().find("back_office.url"), std::string::npos);
  auto not_json = ParseWorkstationConfig("{workstation");
  EXPECT_EQ(not_json.status().code(), Code::kInvalidArgument);
}

TEST(WorkstationConfigTest, DaemonSectionRoundTripsAndNamesBadFields) {
  WorkstationConfig c;
  c.daemon.watch_dir = "/srv/scans/inbox";
  c.daemon.buttons = {{"scan", "forms"}, {"copy", "id_card"}};
  c.daemon.button_poll_ms = 250;
  c.daemon.kiosk_listen = "127.0.0.1:8490";
  auto parsed = ParseWorkstationConfig(WorkstationConfigToJson(c));
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->daemon.watch_dir, "/srv/scans/inbox");
  EXPECT_EQ(parsed->daemon.buttons.at("copy"), "id_card");
  EXPECT_EQ(parsed->daemon.button_poll_ms, 250);
  EXPECT_EQ(parsed->daemon.kiosk_listen, "127.0.0.1:8490");
  EXPECT_EQ(ParseWorkstationConfig("{}")->daemon.housekeeping_s, 300) << "defaults when absent";
  auto bad = ParseWorkstationConfig(R"({"daemon": {"housekeeping_s": 0}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("daemon.housekeeping_s"), std::string::npos);
  auto bad_poll = ParseWorkstationConfig(R"({"daemon": {"button_poll_ms": -5}})");
  ASSERT_FALSE(bad_poll.ok());
  EXPECT_NE(bad_poll.status().message().find("daemon.button_poll_ms"), std::string::npos);
}

}  // namespace
}  // namespace intake
