// intake import: pages from image files into a case — a network scanner's inbox folder
// (watched, or one pass) or files named on the command line.
#include <signal.h>

#include <chrono>
#include <iostream>
#include <string>

#include "apps/intake/command.h"
#include "capture/folder_import_page_store.h"
#include "capture/folder_import_pages.h"
#include "capture/page_store.h"
#include "capture/scan_profile.h"
#include "capture/watched_folder.h"

namespace intake::cli {
namespace {

namespace cap = intake::capture;

constexpr const char* kUsage =
    "usage: intake import --case-dir CASE (--watch DIR | --once DIR | FILE...)\n"
    "                     [--pdf-dpi N] [--settle-ms N] [--give-up-s N]\n"
    "                     [--profile P [--profiles FILE]]\n"
    "  --watch DIR   watch a scanner's inbox folder until Ctrl-C/SIGTERM; each complete PNG,\n"
    "                JPEG, TIFF or PDF is imported once, then moved to DIR/done; a damaged or\n"
    "                incomplete file goes to DIR/rejected with a .reason.txt\n"
    "  --once DIR    the same for the files in DIR now, then exit (files changed in the last\n"
    "                --settle-ms are left for the next run)\n"
    "  FILE...       import these files where they are (not moved); pages already in the case\n"
    "                are not added again\n"
    "  --profile P   check pages against scan profile P (built-in, or from --profiles FILE):\n"
    "                its resolution and page length; without it only blank/dark/faint pages\n"
    "                are flagged\n"
    "One line per file on stdout: <outcome> TAB <file> TAB <pages> TAB <message in Ukrainian>;\n"
    "before it, one line per page flagged for rescan (stored all the same):\n"
    "rescan TAB <file> TAB <page in file> TAB <message in Ukrainian>.\n"
    "Exit: 0 all imported, 1 failure (disk, folder), 2 usage, 3 some file was rejected.\n";

cap::WatchedFolder* g_watching = nullptr;  // for the signal handler only

void OnStopSignal(int) {
  if (g_watching) g_watching->Stop();  // async-signal-safe: writes an eventfd
}

void Print(const cap::FolderImportOutcome& o) {
  std::cout << cap::FolderImportKindName(o.kind) << "\t" << o.file_name << "\t" << o.page_count
            << "\t" << o.message_uk << std::endl;
  if (!o.problem.ok()) std::cerr << "intake import: " << o.problem.message() << "\n";
}

int Run(const Args& raw) {
  Args args = raw;
  if (TakeFlag(args, "--help") || TakeFlag(args, "-h")) {
    std::cout << kUsage;
    return 0;
  }
  std::string case_dir, watch_dir, once_dir, value, profile_name, profiles_file;
  cap::WatchedFolderOptions options;
  TakeOption(args, "--case-dir", &case_dir);
  TakeOption(args, "--watch", &watch_dir);
  TakeOption(args, "--once", &once_dir);
  TakeOption(args, "--profile", &profile_name);
  TakeOption(args, "--profiles", &profiles_file);
  try {
    if (TakeOption(args, "--pdf-dpi", &value)) options.importer.image.pdf_dpi = std::stoi(value);
    if (TakeOption(args, "--settle-ms", &value)) {
      options.settle = std::chrono::milliseconds(std::stol(value));
    }
    if (TakeOption(args, "--give-up-s", &value)) {
      options.give_up = std::chrono::seconds(std::stol(value));
    }
  } catch (const std::exception&) {
    return Fail("import", "a number was expected after --pdf-dpi/--settle-ms/--give-up-s\n" +
                              std::string(kUsage), 2);
  }
  const int modes = !watch_dir.empty() + !once_dir.empty() + !args.empty();
  if (case_dir.empty() || modes != 1) return Fail("import", kUsage, 2);
  for (const auto& a : args) {
    if (a.rfind("--", 0) == 0) return Fail("import", "unknown option " + a + "\n" + kUsage, 2);
  }

  cap::PageExpectations expect;
  if (!profile_name.empty() || !profiles_file.empty()) {
    std::vector<cap::ScanProfile> profiles = cap::DefaultProfiles();
    if (!profiles_file.empty()) {
      auto loaded = cap::LoadProfiles(profiles_file);
      if (!loaded.ok()) return Fail("import", loaded.status().WithContext(profiles_file).ToString());
      profiles = std::move(*loaded);
    }
    const cap::ScanProfile* profile = cap::FindProfile(profiles, profile_name);
    if (!profile) {
      std::string known;
      for (const auto& p : profiles) known += (known.empty() ? "" : ", ") + p.name;
      return Fail("import", "no scan profile '" + profile_name + "'; profiles: " + known, 2);
    }
    expect = profile->Expectations();
  }

  auto store = cap::PageStore::Open(case_dir);
  if (!store.ok()) return Fail("import", store.status().message());
  cap::PageStoreSink sink(*store, "file", expect);
  sink.set_on_page([](const cap::PageMetadata& page) {
    for (const auto& check : page.checks) {
      std::cout << "rescan\t" << page.settings.at("source_file") << "\t"
                << page.settings.at("source_page") << "\t" << check.message_uk << std::endl;
    }
  });
  bool rejected = false;
  auto report = [&](const cap::FolderImportOutcome& o) {
    rejected |= o.kind == cap::FolderImportOutcome::Kind::kRejected;
    Print(o);
  };

  if (!args.empty()) {  // FILE...: in place
    int failures = 0;
    for (const auto& file : args) {
      auto outcome = cap::ImportFileInPlace(file, sink, options.importer.image);
      if (!outcome.ok()) {
        std::cerr << "intake import: " << outcome.status().message() << "\n";
        ++failures;
        continue;
      }
      report(*outcome);
    }
    return failures ? 1 : rejected ? 3 : 0;
  }

  options.importer.watch_dir = watch_dir.empty() ? once_dir : watch_dir;
  auto folder = cap::WatchedFolder::Open(options, sink, report);
  if (!folder.ok()) return Fail("import", folder.status().message());
  Status status;
  if (!once_dir.empty()) {
    status = (*folder)->ImportOnce();
  } else {
    g_watching = folder->get();
    struct sigaction action {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::cerr << "intake import: watching " << watch_dir << " (Ctrl-C to stop)\n";
    status = (*folder)->Run();
    g_watching = nullptr;
  }
  if (!status.ok()) return Fail("import", status.message());
  return rejected ? 3 : 0;
}

CommandRegistration registration("import",
                                 "import scanned files (PNG/JPEG/TIFF/PDF) or a scanner's inbox "
                                 "folder into a case",
                                 Run);

}  // namespace
}  // namespace intake::cli
