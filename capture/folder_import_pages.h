// The page loop shared by the watched folder and `intake import FILE...`: read every page of
// a file that the sink does not hold yet and store it, in order.
//
// Thread safety: reentrant; the sink is used by the calling thread only.
#pragma once

#include <filesystem>
#include <string>

#include "capture/folder_import_sink.h"
#include "capture/folder_importer.h"
#include "capture/image_file_reader.h"
#include "core/status.h"

namespace intake::capture {

// `source` needs path, name, fingerprint and size; format and page_count are filled here.
// Outcome kinds: kImported (every page is now in the sink), kNotReady (the file looks
// incomplete, !final_attempt, and nothing of it is stored), kRejected (outcome.problem says
// why; the file is NOT moved — the caller decides; pages stored before the problem stay).
// A non-OK Status is a failure of the sink or of reading the disk, not of the file's content.
Result<FolderImportOutcome> ImportFilePages(ImportSourceFile source, ImportedPageSink& sink,
                                            const ImageFileOptions& options, bool final_attempt);

// Imports a file where it lies (a USB stick, a file the applicant brought), without moving
// it: kImported, kAlreadyImported (the sink held every page already) or kRejected.
Result<FolderImportOutcome> ImportFileInPlace(const std::filesystem::path& path,
                                              ImportedPageSink& sink,
                                              const ImageFileOptions& options);

// The operator's Ukrainian line for a rejected file. `kept_pages` pages of it were stored
// before the problem; `moved_to_rejected` adds that the file now lies in rejected/.
std::string RejectedFileMessageUk(const std::string& file_name, const Status& problem,
                                  int kept_pages, bool moved_to_rejected);

}  // namespace intake::capture
