#include "capture/folder_importer.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

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

std::string RejectedMessageUk(const ImportSourceFile& source, const Status& problem,
                              int pages_before, int pages_stored) {
  std::string text;
  if (problem.code() == Code::kInvalidArgument) {
    text = "Файл " + QuotedUk(source.name) +
           " не є зображенням PNG, JPEG, TIFF чи PDF або захищений паролем; його перенесено "
           "до теки rejected. Збережіть скан в одному з цих форматів без пароля.";
  } else if (IsIncompleteFileError(problem)) {
    text = "Файл " + QuotedUk(source.name) +
           " неповний (сканер не дописав його); його перенесено до теки rejected. "
           "Відскануйте сторінки ще раз.";
  } else {
    text = "Файл " + QuotedUk(source.name) +
           " пошкоджений; його перенесено до теки rejected. Відскануйте сторінки ще раз.";
  }
  const int kept = pages_before + pages_stored;
  if (kept > 0) {
    text += " Сторінки 1–" + std::to_string(kept) + " цього файлу вже додано до справи.";
  }
  return text;
}

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
  outcome.message_uk = RejectedMessageUk(source, outcome.problem, outcome.pages_before,
                                         outcome.pages_stored);
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

  auto reader = ImageFileReader::Open(source.path, options_.image);
  if (!reader.ok()) {
    outcome.problem = reader.status();
    switch (outcome.problem.code()) {
      case Code::kIoError:
      case Code::kResourceExhausted:
      case Code::kPermissionDenied:
      case Code::kNotFound:  // moved away meanwhile (e.g. renamed by the uploader)
        return outcome.problem;  // not a verdict on the file's content
      default:
        break;
    }
    if (!final_attempt && IsIncompleteFileError(outcome.problem)) {
      outcome.kind = Kind::kNotReady;
      return outcome;
    }
    return Reject(std::move(outcome), source);
  }
  source.format = (*reader)->format();
  source.page_count = outcome.page_count = (*reader)->page_count();
  outcome.destination = sink_.DestinationName();

  INTAKE_ASSIGN_OR_RETURN(std::set<int> stored, sink_.StoredPages(source));
  outcome.pages_before = static_cast<int>(stored.size());
  for (int i = 0; i < source.page_count; ++i) {
    if (stored.count(i)) continue;
    auto page = (*reader)->ReadPage(i);
    if (!page.ok()) {
      outcome.problem = page.status();
      if (!final_attempt && IsIncompleteFileError(outcome.problem) && outcome.pages_stored == 0 &&
          outcome.pages_before == 0) {
        outcome.kind = Kind::kNotReady;
        return outcome;
      }
      return Reject(std::move(outcome), source);
    }
    INTAKE_RETURN_IF_ERROR(sink_.StorePage(source, *page));
    ++outcome.pages_stored;
  }
  INTAKE_RETURN_IF_ERROR(ledger_.Record(
      source.fingerprint, {outcome.destination, source.page_count, "", name}));
  INTAKE_ASSIGN_OR_RETURN(outcome.moved_to, MoveInto(source.path, done_dir()));
  outcome.kind = Kind::kImported;
  outcome.message_uk = "Імпортовано сторінок: " + std::to_string(source.page_count) +
                       " з файлу " + QuotedUk(name) + ".";
  LogInfo("capture", "watched folder: imported file " + LogId(source.fingerprint) + " (" +
                         std::to_string(outcome.pages_stored) + " new of " +
                         std::to_string(source.page_count) + " pages) into " +
                         outcome.destination);
  return outcome;
}

}  // namespace intake::capture
