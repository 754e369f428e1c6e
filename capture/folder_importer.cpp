#include "capture/folder_importer.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "capture/folder_import_pages.h"
#include "core/file_util.h"
#include "core/log.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using Kind = FolderImportOutcome::Kind;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Short form of a fingerprint for logs ("fnv1a64:0123456789abcdef").
std::string LogId(const std::string& fingerprint) { return fingerprint.substr(0, 24); }

std::string QuotedUk(const std::string& name) { return "«" + name + "»"; }

}  // namespace

std::string_view FolderImportKindName(Kind kind) {
  switch (kind) {
    case Kind::kImported: return "imported";
    case Kind::kAlreadyImported: return "already-imported";
    case Kind::kNotReady: return "not-ready";
    case Kind::kRejected: return "rejected";
  }
  return "unknown";
}

bool FolderImporter::IsCandidateName(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.front() == '~') return false;
  for (std::string_view suffix : {".part", ".partial", ".tmp", ".filepart", ".crdownload", "~",
                                  ".reason.txt"}) {
    if (EndsWith(name, suffix)) return false;
  }
  return true;
}

Result<std::unique_ptr<FolderImporter>> FolderImporter::Open(const FolderImporterOptions& options,
                                                             ImportedPageSink& sink) {
  std::error_code ec;
  if (!fs::is_directory(options.watch_dir, ec)) {
    return NotFound("the watched folder " + options.watch_dir.string() +
                    " does not exist or is not a folder; create it or fix the path");
  }
  INTAKE_RETURN_IF_ERROR(MakeDirectories(options.watch_dir / "done"));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(options.watch_dir / "rejected"));
  INTAKE_ASSIGN_OR_RETURN(FolderImportLedger ledger,
                          FolderImportLedger::Open(options.watch_dir / ".intake" / "imported.tsv"));
  return std::unique_ptr<FolderImporter>(new FolderImporter(options, sink, std::move(ledger)));
}

Result<fs::path> FolderImporter::MoveInto(const fs::path& from, const fs::path& dir) {
  // Never overwrite: a scanner that reuses names must not lose the earlier file.
  const std::string stem = from.stem().string(), ext = from.extension().string();
  fs::path to = dir / from.filename();
  std::error_code ec;
  for (int n = 2; fs::exists(to, ec) || fs::exists(to.string() + ".reason.txt", ec); ++n) {
    to = dir / (stem + "-" + std::to_string(n) + ext);
  }
  fs::rename(from, to, ec);
  if (ec) return ErrnoStatus("cannot move " + from.string() + " to " + dir.string(), ec.value());
  INTAKE_RETURN_IF_ERROR(SyncDirectory(dir));
  INTAKE_RETURN_IF_ERROR(SyncDirectory(from.parent_path()));
  return to;
}

Result<FolderImportOutcome> FolderImporter::Reject(FolderImportOutcome outcome,
                                                   const ImportSourceFile& source) {
  outcome.kind = Kind::kRejected;
  outcome.message_uk = RejectedFileMessageUk(
      source.name, outcome.problem, outcome.pages_before + outcome.pages_stored, true);
  INTAKE_ASSIGN_OR_RETURN(outcome.moved_to, MoveInto(source.path, rejected_dir()));
  std::string reason = "file: " + source.name + "\nproblem: " + outcome.problem.ToString() +
                       "\npages in the file: " + std::to_string(outcome.page_count) +
                       "\npages imported before the problem: " +
                       std::to_string(outcome.pages_before + outcome.pages_stored) +
                       (outcome.destination.empty() ? "" : " (into " + outcome.destination + ")") +
                       "\n\n" + outcome.message_uk + "\n";
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(outcome.moved_to.string() + ".reason.txt", reason));
  LogWarning("capture", "watched folder: rejected file " +
                            (source.fingerprint.empty() ? std::string("(unreadable)")
                                                        : LogId(source.fingerprint)) +
                            " (" + std::string(CodeName(outcome.problem.code())) + ")");
  return outcome;
}

Result<FolderImportOutcome> FolderImporter::ImportFile(const std::string& name,
                                                       bool final_attempt) {
  FolderImportOutcome outcome;
  outcome.file_name = name;
  ImportSourceFile source;
  source.path = options_.watch_dir / name;
  source.name = name;
  std::error_code ec;
  source.size = fs::file_size(source.path, ec);
  if (ec) return ErrnoStatus("cannot read " + source.path.string(), ec.value());
  INTAKE_ASSIGN_OR_RETURN(source.fingerprint, FolderImportFingerprint(source.path));

  if (const FolderImportLedger::Entry* entry = ledger_.Find(source.fingerprint)) {
    outcome.kind = Kind::kAlreadyImported;
    outcome.destination = entry->destination;
    outcome.page_count = entry->pages;
    INTAKE_ASSIGN_OR_RETURN(outcome.moved_to, MoveInto(source.path, done_dir()));
    outcome.message_uk = "Файл " + QuotedUk(name) + " вже імпортовано раніше (справа " +
                         entry->destination + "); повторно не додано.";
    LogInfo("capture", "watched folder: file " + LogId(source.fingerprint) +
                           " was already imported into " + entry->destination);
    return outcome;
  }

  INTAKE_ASSIGN_OR_RETURN(outcome, ImportFilePages(source, sink_, options_.image, final_attempt));
  if (outcome.kind == Kind::kNotReady) return outcome;
  if (outcome.kind == Kind::kRejected) return Reject(std::move(outcome), source);
  INTAKE_RETURN_IF_ERROR(ledger_.Record(
      source.fingerprint, {outcome.destination, outcome.page_count, "", name}));
  INTAKE_ASSIGN_OR_RETURN(outcome.moved_to, MoveInto(source.path, done_dir()));
  LogInfo("capture", "watched folder: imported file " + LogId(source.fingerprint) + " (" +
                         std::to_string(outcome.pages_stored) + " new of " +
                         std::to_string(outcome.page_count) + " pages) into " +
                         outcome.destination);
  return outcome;
}

}  // namespace intake::capture
