// FolderImporter: imports one file of a scanner's inbox folder into a page sink, exactly once,
// and then moves it out of the way:
//   <watch>/done/<name>       imported (every page stored),
//   <watch>/rejected/<name>   damaged, incomplete or not an image, with <name>.reason.txt
//                             saying why in English and Ukrainian. Nothing is ever deleted.
//   <watch>/.intake/imported.tsv   the ledger of imported fingerprints (FolderImportLedger).
//
// Exactly once: the ledger is written after the last page is stored and before the move; a
// file already in the ledger is only moved to done/. An import cut short (crash, power cut,
// disk full) resumes at the first page the sink does not yet hold.
//
// Deciding *when* a file is complete is the caller's job (WatchedFolder); ImportFile is told
// whether this is the final attempt: if not, a file that looks incomplete (empty, truncated)
// is left in place (kNotReady) for a later attempt.
//
// Logs carry no file names (an applicant's file may be named after them): fingerprints, page
// counts and the destination only. Outcomes carry the name for the operator.
//
// Thread safety: one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "capture/folder_import_ledger.h"
#include "capture/folder_import_sink.h"
#include "capture/image_file_reader.h"
#include "core/status.h"

namespace intake::capture {

struct FolderImportOutcome {
  enum class Kind {
    kImported,         // every page stored, file moved to done/
    kAlreadyImported,  // the ledger knew it: moved to done/, nothing stored again
    kNotReady,         // looks incomplete; left in place for a later attempt
    kRejected,         // moved to rejected/ with a .reason.txt
  };
  Kind kind = Kind::kImported;
  std::string file_name;
  int page_count = 0;     // pages in the file (0 when it could not be opened)
  int pages_stored = 0;   // pages stored by this call
  int pages_before = 0;   // pages the sink already held (resumed import)
  std::filesystem::path moved_to;  // in done/ or rejected/ (empty for kNotReady)
  Status problem;         // why kNotReady / kRejected (message names the file)
  std::string message_uk; // one line for the operator, in Ukrainian
  std::string destination;  // where the pages are (for kAlreadyImported: where they went before)
};

std::string_view FolderImportKindName(FolderImportOutcome::Kind kind);  // "imported", ...

struct FolderImporterOptions {
  std::filesystem::path watch_dir;
  ImageFileOptions image;
};

class FolderImporter {
 public:
  // Creates done/, rejected/ and .intake/ under watch_dir and loads the ledger.
  // `sink` is borrowed and must outlive the importer.
  static Result<std::unique_ptr<FolderImporter>> Open(const FolderImporterOptions& options,
                                                      ImportedPageSink& sink);

  // Imports <watch_dir>/<name>. A non-OK Status means the destination or the folder failed
  // (disk full, permissions): the file stays where it is, pages already stored stay stored,
  // and a later call resumes. Problems with the file itself are outcomes, not errors.
  Result<FolderImportOutcome> ImportFile(const std::string& name, bool final_attempt);

  // Whether a directory entry name is a file to import: not hidden, not a partial-upload name
  // (*.part, *.tmp, *.filepart, *.crdownload, *~), not a .reason.txt.
  static bool IsCandidateName(std::string_view name);

  const std::filesystem::path& watch_dir() const { return options_.watch_dir; }
  std::filesystem::path done_dir() const { return options_.watch_dir / "done"; }
  std::filesystem::path rejected_dir() const { return options_.watch_dir / "rejected"; }
  const FolderImportLedger& ledger() const { return ledger_; }

 private:
  FolderImporter(FolderImporterOptions options, ImportedPageSink& sink, FolderImportLedger ledger)
      : options_(std::move(options)), sink_(sink), ledger_(std::move(ledger)) {}

  Result<FolderImportOutcome> Reject(FolderImportOutcome outcome, const ImportSourceFile& source);
  Result<std::filesystem::path> MoveInto(const std::filesystem::path& from,
                                         const std::filesystem::path& dir);

  FolderImporterOptions options_;
  ImportedPageSink& sink_;
  FolderImportLedger ledger_;
};

}  // namespace intake::capture
