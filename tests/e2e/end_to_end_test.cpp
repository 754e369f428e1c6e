// One case from the virtual scanner to the back office and back, through the real programs.
#include <gtest/gtest.h>

#include <thread>

#include "core/case_record.h"
#include "core/file_util.h"
#include "signing/bag_verifier.h"
#include "signing/digest.h"
#include "signing/key_store.h"
#include "signing/receipt.h"
#include "signing/signer.h"
#include "signing/trust_store.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_util.h"
#include "transfer/transfer_queue.h"
#include "paper/paper_ledger.h"
#include "workstation/delivery_sync.h"
#include "workstation/demo_setup.h"

namespace intake {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using testing::Subprocess;

const fs::path kBin = INTAKE_BIN_DIR;
const fs::path kSamples = INTAKE_SAMPLES_DIR;

class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    layout_.root = dir_.path() / "site";
    port_ = testing::FreeLoopbackPort();
    url_ = "http://127.0.0.1:" + std::to_string(port_);
    auto config = PrepareDemo(layout_, url_);
    ASSERT_OK(config);
  }

  std::unique_ptr<Subprocess> StartReceiver() {
    auto receiver = std::make_unique<Subprocess>(
        std::vector<std::string>{(kBin / "intake-receiver").string(), "--listen",
                                 "127.0.0.1:" + std::to_string(port_), "--inbox",
                                 layout_.inbox().string(), "--keys",
                                 layout_.back_office_keys().string(), "--trust-store",
                                 layout_.trust_store().string(), "--require-signed-requests"},
        dir_.path() / "logs");
    EXPECT_TRUE(testing::WaitForPort(port_, std::chrono::seconds(20))) << receiver->Stderr();
    return receiver;
  }

  // Runs intaked --once over the three sample pages; returns the case id it queued.
  std::string CaptureOneCase() {
    std::vector<std::string> argv = {(kBin / "intaked").string(), "--config",
                                     layout_.config_file().string(), "--once"};
    for (const char* page : {"page1_application.pnm", "page2_declaration.pnm", "page3_consent.pnm"})
      argv.insert(argv.end(), {"--scan-file", (kSamples / page).string()});
    auto out = testing::RunProgram(argv, std::chrono::minutes(10));
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    auto queue = transfer::TransferQueue::Open(layout_.spool() / "transfer-queue.db");
    EXPECT_TRUE(queue.ok());
    auto all = (*queue)->List();
    EXPECT_TRUE(all.ok() && !all->empty()) << out.out << out.err;
    return all.ok() && !all->empty() ? all->back().package_id : "";
  }

  testing::ProcessOutput Transfer() {
    return testing::RunProgram({(kBin / "intake-transferd").string(), "--spool",
                                layout_.spool().string(), "--receiver", url_, "--keys",
                                layout_.workstation_keys().string(), "--once"},
                               std::chrono::minutes(5));
  }

  transfer::QueuedPackage Queued(const std::string& case_id) {
    auto queue = transfer::TransferQueue::Open(layout_.spool() / "transfer-queue.db");
    EXPECT_TRUE(queue.ok());
    auto entry = (*queue)->Get(case_id);
    EXPECT_TRUE(entry.ok() && entry->has_value());
    return entry.ok() && entry->has_value() ? **entry : transfer::QueuedPackage{};
  }

  testing::TempDir dir_;
  DemoLayout layout_;
  int port_ = 0;
  std::string url_;
};

TEST_F(EndToEndTest, CaseTravelsFromScannerToBackOfficeWithVerifiedReceipt) {
  auto receiver = StartReceiver();
  const std::string case_id = CaptureOneCase();
  ASSERT_FALSE(case_id.empty());
  // Personal data stays only in the encrypted package once the case is sealed.
  EXPECT_FALSE(fs::exists(layout_.spool() / "cases" / case_id));

  auto sent = Transfer();
  ASSERT_EQ(sent.exit_code, 0) << sent.out << sent.err;
  transfer::QueuedPackage package = Queued(case_id);
  EXPECT_EQ(package.state, transfer::PackageState::kDelivered);

  // The receipt verifies under the back office's key, independently of the daemon.
  auto back_office = signing::KeyStore::Open(layout_.back_office_keys());
  ASSERT_OK(back_office);
  signing::Ed25519Verifier verifier(back_office->identity().sign_public);
  auto receipt = signing::VerifyReceipt(package.receipt_json, verifier);
  ASSERT_OK(receipt);
  EXPECT_EQ(receipt->case_id, case_id);
  const signing::DigestAlgorithm kSha256[] = {signing::DigestAlgorithm::kSha256};
  auto hash = signing::HashFile(package.path, kSha256);
  ASSERT_OK(hash);
  EXPECT_EQ(receipt->package_hash, "sha256:" + hash->at(0));
  std::string tampered = package.receipt_json;
  tampered[tampered.find(case_id)] ^= 1;
  EXPECT_FALSE(signing::VerifyReceipt(tampered, verifier).ok());

  // The back office holds a bag that verifies, with the words printed on the pages.
  const fs::path bag = layout_.inbox() / case_id / "bag";
  auto trust = signing::TrustStore::Load(layout_.trust_store());
  ASSERT_OK(trust);
  signing::VerifyOptions options;
  options.verifier = &*trust;
  options.require_signature = true;
  options.expected_case_id = case_id;
  signing::VerifyReport report = signing::VerifyBag(bag, options);
  EXPECT_TRUE(report.ok());
  auto page1 = ReadFile(bag / "data" / "ocr" / "0001.txt");
  auto page2 = ReadFile(bag / "data" / "ocr" / "0002.txt");
  ASSERT_OK(page1);
  ASSERT_OK(page2);
  EXPECT_NE(page1->find("ЗАЯВА"), std::string::npos) << *page1;
  EXPECT_NE(page1->find("Ковальчук"), std::string::npos) << *page1;
  EXPECT_NE(page2->find("ДЕКЛАРАЦІЯ"), std::string::npos) << *page2;
  auto case_json = ReadFile(bag / "case.json");
  ASSERT_OK(case_json);
  auto record = ParseCaseRecord(*case_json);
  ASSERT_OK(record);
  EXPECT_EQ(record->case_id, case_id);
  EXPECT_EQ(record->applicant["rnokpp"], "3129403421");
  EXPECT_EQ(record->applicant["iban"], "UA233052990002600000012345678");
  EXPECT_FALSE(record->paper_items.empty());
  // A searchable PDF per document, in the bag (covered by its manifest), with the page's text.
  ASSERT_FALSE(record->documents.empty());
  for (const auto& doc : record->documents) {
    EXPECT_TRUE(fs::exists(bag / "data" / "documents" / (doc.id + ".pdf"))) << doc.id;
  }
  const auto pdf_text = testing::RunProgram({"/usr/bin/pdftotext", "-enc", "UTF-8",
                                    (bag / "data" / "documents" / "d1.pdf").string(), "-"},
                                   std::chrono::seconds(60));
  EXPECT_EQ(pdf_text.exit_code, 0) << pdf_text.err;
  EXPECT_NE(pdf_text.out.find("Ковальчук"), std::string::npos) << pdf_text.out;

  // The paper ledger learns the e-case receipt; the case stays open until the paper arrives.
  auto config = PrepareDemo(layout_, url_);
  ASSERT_OK(config);
  auto synced = SyncDeliveries(*config);
  ASSERT_OK(synced);
  EXPECT_EQ(synced->recorded, 1);
  EXPECT_EQ(SyncDeliveries(*config)->recorded, 0) << "recording a receipt is idempotent";
  paper::LedgerOptions ledger_options;
  ledger_options.workstation = config->workstation_id;
  auto ledger = paper::PaperLedger::Open(layout_.spool() / "paper" / "ledger.db", ledger_options);
  ASSERT_OK(ledger);
  auto paper_case = (*ledger)->Case(case_id);
  ASSERT_OK(paper_case);
  EXPECT_TRUE(paper_case->ecase_receipt_at.has_value());
  EXPECT_FALSE(paper_case->closed_at.has_value());
  EXPECT_EQ(paper_case->initials.find("Ковальчук"), std::string::npos) << "initials only";
}

TEST_F(EndToEndTest, CaseWaitingForDeadReceiverIsDeliveredWhenItComesBack) {
  const std::string case_id = CaptureOneCase();  // no receiver yet
  ASSERT_FALSE(case_id.empty());
  auto failed = Transfer();
  EXPECT_NE(failed.exit_code, 0) << "nothing listens on " << url_;
  transfer::QueuedPackage waiting = Queued(case_id);
  EXPECT_EQ(waiting.state, transfer::PackageState::kQueued);
  EXPECT_FALSE(waiting.last_error.empty());
  EXPECT_TRUE(fs::exists(waiting.path)) << "the package must survive a dead link";

  auto receiver = StartReceiver();
  // The retry time set by the failed attempt has to pass; --once only sends what is due.
  for (int i = 0; i < 30 && Queued(case_id).state != transfer::PackageState::kDelivered; ++i) {
    std::this_thread::sleep_for(seconds(2));
    (void)Transfer();
  }
  EXPECT_EQ(Queued(case_id).state, transfer::PackageState::kDelivered);
  EXPECT_TRUE(fs::exists(layout_.inbox() / case_id / "bag" / "case.json"));
}

}  // namespace
}  // namespace intake
