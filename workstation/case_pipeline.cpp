#include "workstation/case_pipeline.h"

#include <chrono>
#include <mutex>

#include "capture/image_file_reader.h"
#include "capture/page_store.h"
#include "core/file_util.h"
#include "core/log.h"
#include "ocr/document_pdf.h"
#include "ocr/tesseract_engine.h"
#include "paper/case_record.h"
#include "paper/cover_sheet.h"
#include "paper/paper_ledger.h"
#include "paper/paper_time.h"
#include "signing/bag_sealer.h"
#include "signing/digest.h"
#include "signing/key_store.h"
#include "signing/package_crypto.h"
#include "signing/signer.h"
#include "transfer/transfer_queue.h"
#include "workstation/case_id.h"
#include "workstation/desk_scanner.h"
#include "workstation/page_recogniser.h"
#include "workstation/workstation_ledger.h"

namespace intake {

namespace fs = std::filesystem;

CasePipeline::CasePipeline(WorkstationConfig config, StageReporter reporter)
    : config_(std::move(config)), report_(std::move(reporter)) {
  if (!report_) report_ = [](const std::string&, const std::string&) {};
}

CasePipeline::~CasePipeline() = default;

Result<std::unique_ptr<CasePipeline>> CasePipeline::Open(const WorkstationConfig& config,
                                                         StageReporter reporter) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(config.spool_dir, 0700));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(config.cases_dir(), 0700));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(config.outbox_dir(), 0700));
  return std::unique_ptr<CasePipeline>(new CasePipeline(config, std::move(reporter)));
}

fs::path CasePipeline::CaseDir(const std::string& case_id) const {
  return config_.cases_dir() / case_id;
}

Result<std::string> CasePipeline::NewCase(const std::string& operator_id) {
  INTAKE_ASSIGN_OR_RETURN(std::string case_id,
                          AllocateCaseId(config_.spool_dir, config_.workstation_id,
                                         std::chrono::system_clock::now()));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(CaseDir(case_id), 0700));
  CaseRecord record;
  record.case_id = case_id;
  record.service = config_.service;
  record.back_office = config_.back_office.id;
  record.operator_id = operator_id.empty() ? config_.operator_id : operator_id;
  record.workstation = config_.workstation_id;
  record.created_at = UtcNowIso8601();
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(CaseDir(case_id) / "case.json", CaseRecordToJson(record), 0600));
  report_("case", "opened " + case_id + " in " + CaseDir(case_id).string() + " (operator " +
                      record.operator_id + ")");
  return case_id;
}

Status CasePipeline::ResumeCase(const std::string& case_id) const {
  if (!IsValidCaseId(case_id))
    return InvalidArgument("'" + case_id + "' is not a case id (YYYYMMDD-WS-NNNN)");
  std::error_code ec;
  if (!fs::exists(CaseDir(case_id) / "case.json", ec))
    return NotFound("case " + case_id + " is not open in " + config_.cases_dir().string() +
                    ": it was sealed and queued already (intake queue) or never opened here");
  return Status::Ok();
}

Status CasePipeline::EnsureScanner() {
  if (scanner_) return Status::Ok();
  INTAKE_ASSIGN_OR_RETURN(scanner_, DeskScanner::Open(config_.scanner, config_.spool_dir));
  return Status::Ok();
}

Result<DeskScanner*> CasePipeline::Scanner() {
  INTAKE_RETURN_IF_ERROR(EnsureScanner());
  return scanner_.get();
}

void CasePipeline::ReleaseScanner() {
  if (scanner_) scanner_->Release();
}

Result<ScanSummary> CasePipeline::Scan(const std::string& case_id,
                                       const std::vector<fs::path>& files,
                                       const capture::ScanProfile* profile) {
  INTAKE_RETURN_IF_ERROR(ResumeCase(case_id));
  INTAKE_RETURN_IF_ERROR(EnsureScanner());
  INTAKE_ASSIGN_OR_RETURN(capture::BatchResult batch,
                          scanner_->ScanInto(CaseDir(case_id), files, profile));
  ScanSummary summary;
  summary.pages_captured = static_cast<int>(batch.pages.size());
  for (const auto& page : batch.pages) {
    if (page.rescan) ++summary.pages_flagged;
    report_("scan", "page " + std::to_string(page.sequence) + " -> " +
                        (CaseDir(case_id) / "pages" / page.file).string() +
                        (page.rescan ? "  (flagged: rescan)" : ""));
  }
  if (batch.fault) {
    summary.fault_uk = batch.fault->message_uk;
    summary.fault_log = batch.fault->log_message;
    LogWarning("scan", case_id + ": " + batch.fault->log_message);
    report_("scan", "stopped: " + batch.fault->message_uk);
  }
  return summary;
}

Result<RecogniseSummary> CasePipeline::Recognise(const std::string& case_id) {
  if (!IsValidCaseId(case_id)) return InvalidArgument("not a case id: " + case_id);
  return RecogniseCasePages(CaseDir(case_id), report_);
}

// documents/<doc_id>.pdf (docs/case-layout.md) from the cleaned pages and their hOCR. The
// folder is made anew: a document that is no longer in case.json leaves no PDF behind.
Status CasePipeline::WriteDocumentPdfs(const fs::path& case_dir, const CaseRecord& record) {
  INTAKE_ASSIGN_OR_RETURN(fs::path tessdata, ocr::FindTessdata());
  const fs::path documents = case_dir / "documents";
  std::error_code ec;
  fs::remove_all(documents, ec);
  if (ec) return IoError("cannot clear " + documents.string() + ": " + ec.message());
  for (const CaseDocument& doc : record.documents) {
    ocr::DocumentPdfRequest request;
    request.case_dir = case_dir;
    request.pages = doc.pages;
    request.font = tessdata / "pdf.ttf";
    request.title = record.case_id + " " + doc.id;  // ids only: no personal data
    INTAKE_RETURN_IF_ERROR(ocr::WriteDocumentPdf(request, documents / (doc.id + ".pdf"))
                               .WithContext("case " + record.case_id));
  }
  return Status::Ok();
}

Result<SealSummary> CasePipeline::Seal(const std::string& case_id) {
  if (!IsValidCaseId(case_id)) return InvalidArgument("not a case id: " + case_id);
  const fs::path case_dir = CaseDir(case_id);
  INTAKE_ASSIGN_OR_RETURN(RecogniseSummary recognised, Recognise(case_id));
  if (recognised.pages.empty())
    return Status(Code::kFailedPrecondition,
                  "case " + case_id + " has no readable pages (" +
                      std::to_string(recognised.pages_failed) +
                      " could not be read): scan the documents before sealing");

  // case.json: the record as opened, completed from the pages.
  INTAKE_ASSIGN_OR_RETURN(std::string case_json, ReadFile(case_dir / "case.json"));
  INTAKE_ASSIGN_OR_RETURN(CaseRecord record, ParseCaseRecord(case_json));
  FillFromPages(recognised.pages, &record);
  record.sealed_at = UtcNowIso8601();
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(case_dir / "case.json", CaseRecordToJson(record), 0600));
  report_("case", "case.json: " + std::to_string(record.documents.size()) + " documents, " +
                      std::to_string(record.applicant.size()) + " applicant fields, " +
                      std::to_string(record.paper_items.size()) + " paper items");
  INTAKE_RETURN_IF_ERROR(WriteDocumentPdfs(case_dir, record));
  report_("case", "documents/: a searchable PDF for each of the " +
                      std::to_string(record.documents.size()) + " documents");

  // Paper originals: ledger entry and cover sheet (initials only) before the plaintext goes.
  SealSummary summary;
  {
    INTAKE_ASSIGN_OR_RETURN(auto ledger, OpenWorkstationLedger(config_));
    INTAKE_ASSIGN_OR_RETURN(paper::CaseIntake intake, paper::ReadCaseIntake(case_dir));
    INTAKE_RETURN_IF_ERROR(ledger->RecordCase(intake, paper::Now()));
    summary.cover_sheet = CoverSheetDir(config_) / (case_id + ".pdf");
    INTAKE_RETURN_IF_ERROR(paper::WriteCoverSheetPdf(intake, summary.cover_sheet));
    report_("paper", "cover sheet -> " + summary.cover_sheet.string());
  }

  // Seal, sign, encrypt.
  INTAKE_ASSIGN_OR_RETURN(signing::KeyStore keys,
                          signing::KeyStore::Open(config_.workstation_keys_dir()));
  auto back_office = keys.BackOffice();
  if (!back_office.ok())
    return back_office.status().WithContext(
        "no back-office key is trusted yet (run: intake keys trust BACK_OFFICE.json)");
  const fs::path bag_dir = config_.spool_dir / "bags" / case_id;
  std::error_code ec;
  fs::remove_all(bag_dir, ec);  // a bag left by an interrupted seal is rebuilt from the case
  INTAKE_RETURN_IF_ERROR(MakeDirectories(bag_dir.parent_path(), 0700));
  signing::Ed25519Signer signer(keys.signing_key());
  INTAKE_ASSIGN_OR_RETURN(signing::SealResult sealed, signing::SealCase(case_dir, bag_dir, signer, {}));
  report_("seal", "BagIt bag, " + std::to_string(sealed.payload_files) + " files, " +
                      std::to_string(sealed.payload_bytes) + " bytes, signed by key " +
                      sealed.key_id);
  summary.package = config_.outbox_dir() / (case_id + ".intake");
  INTAKE_ASSIGN_OR_RETURN(signing::PackageInfo info,
                          signing::EncryptPackage(bag_dir, back_office->box_public, case_id,
                                                  summary.package));
  summary.package_bytes = static_cast<int64_t>(info.package_bytes);
  const signing::DigestAlgorithm kSha256[] = {signing::DigestAlgorithm::kSha256};
  INTAKE_ASSIGN_OR_RETURN(auto hashes, signing::HashFile(summary.package, kSha256));
  summary.package_sha256 = hashes.at(0);
  report_("encrypt", "package for back office " + back_office->name + " -> " +
                         summary.package.string());

  // Queue durably, then drop the plaintext.
  INTAKE_ASSIGN_OR_RETURN(auto queue, transfer::TransferQueue::Open(config_.queue_path()));
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  INTAKE_ASSIGN_OR_RETURN(bool added, queue->Enqueue(case_id, summary.package, 0, now));
  report_("queue", std::string(added ? "queued " : "already queued ") + case_id + " in " +
                       config_.queue_path().string());
  fs::remove_all(bag_dir, ec);
  fs::remove_all(case_dir, ec);
  if (ec) LogWarning("seal", case_id + ": could not remove the plaintext case folder: " + ec.message());
  summary.record = std::move(record);
  return summary;
}

}  // namespace intake
