// The staff view's paper form on the real intake-receiver program: typed register and cover
// sheet ids are recorded through paper/'s back-office desk and the signed confirmation lands on
// the receiver's message board for the workstation; POSTs without the form's token or from
// another site are refused and record nothing.
#include <chrono>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/case_record.h"
#include "core/file_util.h"
#include "signing/receipt.h"
#include "signing/signer.h"
#include "tests/support/subprocess.h"
#include "tests/transfer/staff_http.h"
#include "tests/transfer/transfer_fixture.h"

namespace intake::transfer::testing {
namespace {

namespace fs = std::filesystem;
using intake::testing::BinaryDir;
using intake::testing::FreeLoopbackPort;
using intake::testing::Subprocess;
using intake::testing::TempDir;
using intake::testing::WaitForPort;

const char kCase[] = "20261124-WS01-0001";
const char kRegister[] = "R-20261124-WS01-001";

std::string TokenOf(const std::string& page) {
  const std::string marker = "name=\"token\" value=\"";
  size_t at = page.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return page.substr(at, page.find('"', at) - at);
}

TEST(StaffPaperTest, TypedRegisterIsRecordedAndPostedForTheWorkstation) {
  fs::path receiver = BinaryDir() / "bin/intake-receiver";
  if (!fs::exists(receiver)) GTEST_SKIP() << "intake-receiver was not built";
  TempDir dir;
  signing::KeyStore keys = MakeKeys(dir.path() / "bo-keys", "back-office");
  // An e-case as the receiver unpacks it, with one paper original.
  CaseRecord record;
  record.case_id = kCase;
  record.workstation = "WS01";
  record.paper_items.push_back({std::string(kCase) + "-1", "d1", "original", 2});
  fs::path data = dir.path() / "inbox" / kCase / "bag" / "data";
  ASSERT_OK(MakeDirectories(data, 0750));
  ASSERT_OK(WriteFileAtomic(data / "case.json", CaseRecordToJson(record), 0640));
  signing::Ed25519Signer signer(keys.signing_key());
  auto receipt = signing::SignReceipt(
      {kCase, "sha256:" + std::string(64, 'a'), "2026-11-24T09:00:00Z", "test-bo", "filed", ""}, signer);
  ASSERT_OK(receipt);
  ASSERT_OK(WriteFileAtomic(dir.path() / "inbox" / kCase / "receipt.txt", *receipt, 0640));

  const int port = FreeLoopbackPort();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  Subprocess rx({receiver.string(), "--listen", "127.0.0.1:" + std::to_string(port), "--inbox",
                 (dir.path() / "inbox").string(), "--keys", (dir.path() / "bo-keys").string(),
                 "--no-verify", "--paper-book", (dir.path() / "receipts.db").string(),
                 "--back-office", "test-bo"},
                dir.path());
  ASSERT_TRUE(rx.started());
  ASSERT_TRUE(WaitForPort(port, std::chrono::seconds(20))) << rx.Stderr();

  StaffHttpReply before = StaffRequest(base + "/staff/");
  EXPECT_NE(before.body.find("/staff/paper"), std::string::npos);
  EXPECT_NE(before.body.find("не надходили"), std::string::npos) << before.body;
  StaffHttpReply form = StaffRequest(base + "/staff/paper");
  ASSERT_EQ(form.status, 200) << form.body;
  const std::string token = TokenOf(form.body);
  ASSERT_EQ(token.size(), 32u) << form.body;
  const std::string fields = std::string("typed=") + kRegister + "%0D%0A" + kCase + "&clerk=K7";

  EXPECT_EQ(StaffRequest(base + "/staff/paper", {}, fields).status, 403);  // no token
  EXPECT_EQ(StaffRequest(base + "/staff/paper", {}, fields + "&token=" + std::string(32, '0')).status, 403);
  EXPECT_EQ(StaffRequest(base + "/staff/paper", {"Origin: http://evil.example"},
                         fields + "&token=" + token).status, 403);
  StaffHttpReply none = StaffRequest(base + "/messages?workstation=WS01&after=0");
  EXPECT_EQ(none.body.find("paper-confirmation"), std::string::npos) << none.body;

  StaffHttpReply done = StaffRequest(base + "/staff/paper", {"Origin: " + base},
                                     fields + "&token=" + token);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Прийнято"), std::string::npos) << done.body;
  EXPECT_NE(done.body.find(std::string("Реєстр ") + kRegister + ": отримано 1"), std::string::npos)
      << done.body;  // the e-case's item was found in the unpacked bag
  EXPECT_NE(done.body.find("передано для фронт-офісу WS01"), std::string::npos) << done.body;
  StaffHttpReply board = StaffRequest(base + "/messages?workstation=WS01&after=0");
  ASSERT_EQ(board.status, 200);
  EXPECT_NE(board.body.find("paper-confirmation"), std::string::npos) << board.body;

  // The case (filed here, so it has a receipt) now shows its paper status on the list.
  StaffHttpReply list = StaffRequest(base + "/staff/");
  EXPECT_NE(list.body.find("<td>отримано 1</td>"), std::string::npos) << list.body;
  EXPECT_NE(StaffRequest(base + "/staff/cases/" + kCase).body.find("отримано 1"), std::string::npos);

  StaffHttpReply bad = StaffRequest(base + "/staff/paper", {}, "typed=nonsense&clerk=K7&token=" + token);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Не прийнято"), std::string::npos);
  // No case data in the receiver's log.
  EXPECT_EQ(rx.Stderr().find(kCase), std::string::npos) << rx.Stderr();
}

}  // namespace
}  // namespace intake::transfer::testing
