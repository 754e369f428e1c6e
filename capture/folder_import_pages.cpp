#include "capture/folder_import_pages.h"

#include "capture/folder_import_ledger.h"

namespace intake::capture {
namespace {

using Kind = FolderImportOutcome::Kind;

bool IsLocalFailure(Code code) {
  // Not a verdict on the file's content: the disk, permissions, or the file moved away.
  return code == Code::kIoError || code == Code::kResourceExhausted ||
         code == Code::kPermissionDenied || code == Code::kNotFound;
}

}  // namespace

std::string RejectedFileMessageUk(const std::string& file_name, const Status& problem,
                                  int kept_pages, bool moved_to_rejected) {
  const std::string file = "Файл «" + file_name + "»";
  const std::string moved = moved_to_rejected ? "; його перенесено до теки rejected" : "";
  std::string text;
  if (problem.code() == Code::kInvalidArgument) {
    text = file + " не є зображенням PNG, JPEG, TIFF чи PDF або захищений паролем" + moved +
           ". Збережіть скан в одному з цих форматів без пароля.";
  } else if (IsIncompleteFileError(problem)) {
    text = file + " неповний (сканер не дописав його)" + moved + ". Відскануйте сторінки ще раз.";
  } else {
    text = file + " пошкоджений" + moved + ". Відскануйте сторінки ще раз.";
  }
  if (kept_pages > 0) {
    text += " Сторінки 1–" + std::to_string(kept_pages) + " цього файлу вже додано до справи.";
  }
  return text;
}

Result<FolderImportOutcome> ImportFilePages(ImportSourceFile source, ImportedPageSink& sink,
                                            const ImageFileOptions& options, bool final_attempt) {
  FolderImportOutcome outcome;
  outcome.file_name = source.name;
  auto reader = ImageFileReader::Open(source.path, options);
  if (!reader.ok()) {
    if (IsLocalFailure(reader.status().code())) return reader.status();
    outcome.problem = reader.status();
    outcome.kind = !final_attempt && IsIncompleteFileError(outcome.problem) ? Kind::kNotReady
                                                                            : Kind::kRejected;
    return outcome;
  }
  source.format = (*reader)->format();
  source.page_count = outcome.page_count = (*reader)->page_count();
  outcome.destination = sink.DestinationName();

  INTAKE_ASSIGN_OR_RETURN(std::set<int> stored, sink.StoredPages(source));
  outcome.pages_before = static_cast<int>(stored.size());
  for (int i = 0; i < source.page_count; ++i) {
    if (stored.count(i)) continue;
    auto page = (*reader)->ReadPage(i);
    if (!page.ok()) {
      if (IsLocalFailure(page.status().code())) return page.status();
      outcome.problem = page.status();
      const bool nothing_stored = outcome.pages_stored == 0 && outcome.pages_before == 0;
      outcome.kind = !final_attempt && nothing_stored && IsIncompleteFileError(outcome.problem)
                         ? Kind::kNotReady
                         : Kind::kRejected;
      return outcome;
    }
    INTAKE_RETURN_IF_ERROR(sink.StorePage(source, *page));
    ++outcome.pages_stored;
  }
  outcome.kind = Kind::kImported;
  outcome.message_uk = "Імпортовано сторінок: " + std::to_string(source.page_count) +
                       " з файлу «" + source.name + "».";
  return outcome;
}

Result<FolderImportOutcome> ImportFileInPlace(const std::filesystem::path& path,
                                              ImportedPageSink& sink,
                                              const ImageFileOptions& options) {
  ImportSourceFile source;
  source.path = path;
  source.name = path.filename().string();
  std::error_code ec;
  source.size = std::filesystem::file_size(path, ec);
  if (ec) return ErrnoStatus("cannot read " + path.string(), ec.value());
  INTAKE_ASSIGN_OR_RETURN(source.fingerprint, FolderImportFingerprint(path));
  INTAKE_ASSIGN_OR_RETURN(FolderImportOutcome outcome,
                          ImportFilePages(source, sink, options, /*final_attempt=*/true));
  if (outcome.kind == Kind::kRejected) {
    outcome.message_uk = RejectedFileMessageUk(source.name, outcome.problem,
                                               outcome.pages_before + outcome.pages_stored, false);
  } else if (outcome.kind == Kind::kImported && outcome.pages_stored == 0) {
    outcome.kind = Kind::kAlreadyImported;
    outcome.message_uk = "Файл «" + source.name + "» вже є у справі; повторно не додано.";
  }
  return outcome;
}

}  // namespace intake::capture
