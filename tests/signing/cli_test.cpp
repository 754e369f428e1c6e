// The documented exit codes of `intake keys|seal|verify`, through the real binary.
#include <gtest/gtest.h>

#include "tests/signing/signing_test_util.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"

namespace intake::signing {
namespace {

namespace fs = std::filesystem;
using intake::testing::BinaryDir;
using intake::testing::ProcessOutput;
using intake::testing::TempDir;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(intake_)) GTEST_SKIP() << "intake not built at " << intake_;
  }
  ProcessOutput Intake(std::vector<std::string> args) {
    args.insert(args.begin(), intake_.string());
    return intake::testing::RunProgram(args, std::chrono::seconds(60));
  }
  std::string P(const char* name) { return (tmp_.path() / name).string(); }

  fs::path intake_ = BinaryDir() / "bin" / "intake";
  TempDir tmp_;
};

TEST_F(CliTest, SealVerifyAndEachFailureExitCode) {
  ASSERT_EQ(Intake({"keys", "init", "--role", "workstation", "--name", "WS01", "--keys", P("ws")}).exit_code, 0);
  ASSERT_EQ(Intake({"keys", "init", "--role", "back-office", "--name", "bo1", "--keys", P("bo")}).exit_code, 0);
  ASSERT_EQ(Intake({"keys", "export", "--keys", P("bo"), "--out", P("bo.json")}).exit_code, 0);
  ASSERT_EQ(Intake({"keys", "trust", P("bo.json"), "--keys", P("ws")}).exit_code, 0);
  ASSERT_EQ(Intake({"keys", "export", "--keys", P("ws"), "--out", P("ws.json")}).exit_code, 0);
  ASSERT_EQ(Intake({"keys", "enroll", P("ws.json"), "--trust-store", P("trust.json")}).exit_code, 0);
  testing::MakeCaseFolder(tmp_.path() / "case", "20261123-WS01-0007");

  ProcessOutput sealed = Intake({"seal", P("case"), "--out", P("bag"), "--package", P("c.pkg"),
                                 "--keys", P("ws")});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  EXPECT_EQ(Intake({"verify", P("bag"), "--keys", P("ws")}).exit_code, 0);
  ProcessOutput received = Intake({"verify", P("c.pkg"), "--keys", P("bo"), "--trust-store", P("trust.json")});
  EXPECT_EQ(received.exit_code, 0) << received.out;
  EXPECT_EQ(Intake({"verify", P("c.pkg"), "--keys", P("ws")}).exit_code, 5);  // wrong recipient
  EXPECT_EQ(Intake({"verify", P("c.pkg"), "--keys", P("bo"), "--case-id", "20261123-WS01-0001"}).exit_code, 5);
  EXPECT_EQ(Intake({"verify"}).exit_code, 2);

  const std::string key_id = [&] {
    std::string json = testing::Slurp(tmp_.path() / "ws.json");
    size_t at = json.find("\"sign_key_id\": \"") + 16;
    return json.substr(at, 16);
  }();
  ASSERT_EQ(Intake({"keys", "revoke", key_id, "--trust-store", P("trust.json")}).exit_code, 0);
  ProcessOutput revoked = Intake({"verify", P("c.pkg"), "--keys", P("bo"), "--trust-store", P("trust.json")});
  EXPECT_EQ(revoked.exit_code, 4) << revoked.out;
  EXPECT_NE(revoked.out.find("revoked"), std::string::npos);

  testing::FlipBit(tmp_.path() / "bag/data/ocr/0001.txt", 0);
  ProcessOutput bad = Intake({"verify", P("bag"), "--keys", P("ws")});
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.out.find("data/ocr/0001.txt: sha512 differs"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace intake::signing
