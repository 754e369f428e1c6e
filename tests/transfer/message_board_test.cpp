#include "transfer/message_board.h"

#include "tests/transfer/transfer_fixture.h"
#include "transfer/http_client.h"

namespace intake::transfer {
namespace {

using intake::testing::TempDir;
using namespace intake::transfer::testing;

TEST(MessageBoardTest, PostedOverHttpFetchedInOrderAndVerified) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  auto http = HttpClient::Create({});
  ASSERT_OK(http);
  for (const char* body : {"confirm R-1", "confirm R-2"}) {
    std::string json = std::string("{\"workstation\":\"WS01\",\"kind\":\"paper-confirmation\",\"body\":\"") + body + "\"}";
    auto posted = (*http)->Perform({"POST", rx.url + "/messages", {"Content-Type: application/json"}, json});
    ASSERT_OK(posted);
    EXPECT_EQ(posted->status, 201) << posted->body;
  }
  ASSERT_OK(rx.receiver->messages().Post("WS02", "paper-confirmation", "other desk", 0));
  auto all = FetchMessages(**http, rx.url, "WS01", 0, rx.receipt_key);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].body, "confirm R-1");
  EXPECT_LT((*all)[0].seq, (*all)[1].seq);
  auto later = FetchMessages(**http, rx.url, "WS01", (*all)[0].seq, rx.receipt_key);
  ASSERT_OK(later);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].body, "confirm R-2");
}

TEST(MessageBoardTest, MessagesFromAnotherBackOfficeAreRefused) {
  TempDir dir;
  auto rx = StartReceiver(dir.path());
  ASSERT_OK(rx.receiver->messages().Post("WS01", "paper-confirmation", "x", 0));
  auto stranger = MakeKeys(dir.path() / "stranger", "back-office");
  auto http = HttpClient::Create({});
  auto fetched = FetchMessages(**http, rx.url, "WS01", 0, stranger.identity().sign_public);
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace intake::transfer
