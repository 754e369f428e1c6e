// intake scan: scans one batch (the ADF until it is empty, or one flatbed page) into a case
// folder: DIR/pages/NNNN.pnm + NNNN.json, one line per page on stdout.
//
//   intake scan --device DEV [--set NAME=VALUE]... [--profile P] [--profiles FILE]
//               [--file IMAGE]... [--max-pages N] [--watchdog-ms MS] [--wait-button]
//               [--embedded | --sane-config DIR] --out DIR
//
// --wait-button waits for a press of one of the scanner's buttons (polled like scanbd; the
// device is released between polls) and scans with the profile the button is mapped to
// ("buttons" in --profiles FILE; default scan->forms, copy->id_card, email->certificate,
// file->passport_booklet).
// --profile applies a named profile first (built-in, or from --profiles FILE), then each --set
// in order. --file (repeatable, pnm backend) scans the given PNM files one after another.
// Exit codes: 0 the batch ended normally; 1 nothing could be scanned (bad device or
// settings); 2 usage; 3 a scanner fault ended the batch (pages before it are kept; the
// operator's message is printed on stderr in Ukrainian, then the English detail).
#include <atomic>
#include <filesystem>
#include <map>
#include <iostream>

#include "apps/intake/command.h"
#include "capture/batch_scanner.h"
#include "capture/button_poller.h"
#include "core/file_util.h"
#include "capture/page_store.h"
#include "capture/sane_config.h"
#include "capture/sane_session.h"
#include "capture/scan_profile.h"
#include "capture/scanner.h"

namespace intake::cli {
namespace {

using namespace intake::capture;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: intake scan --device DEV [--set NAME=VALUE]... [--profile P] [--profiles FILE] "
    "[--file IMAGE]... [--max-pages N] [--watchdog-ms MS] [--wait-button] "
    "[--embedded | --sane-config DIR] "
    "--out DIR";

void PrintPage(const PageStore& store, const PageMetadata& page) {
  std::cout << "page " << PageStem(page.sequence) << " " << (store.pages_dir() / page.file).string()
            << " " << page.width << "x" << page.height << " " << page.dpi << "dpi " << page.layout
            << " " << page.source;
  if (page.rescan) {
    std::cout << " rescan:";
    for (size_t i = 0; i < page.checks.size(); ++i)
      std::cout << (i ? "," : "") << page.checks[i].check;
  }
  std::cout << std::endl;
}

int RunScan(const Args& raw) {
  Args args = raw;
  std::string device_name, out, profile_name, profiles_file, config_dir, max_pages_text,
      watchdog_text;
  TakeOption(args, "--device", &device_name);
  TakeOption(args, "--out", &out);
  TakeOption(args, "--profile", &profile_name);
  TakeOption(args, "--profiles", &profiles_file);
  TakeOption(args, "--sane-config", &config_dir);
  TakeOption(args, "--max-pages", &max_pages_text);
  TakeOption(args, "--watchdog-ms", &watchdog_text);
  const bool embedded = TakeFlag(args, "--embedded");
  const bool wait_button = TakeFlag(args, "--wait-button");
  const std::vector<std::string> sets = TakeRepeatedOption(args, "--set");
  const std::vector<std::string> files = TakeRepeatedOption(args, "--file");
  if (!args.empty()) return Fail("scan", "unexpected argument '" + args[0] + "'; " + kUsage, 2);
  if (device_name.empty() || out.empty()) return Fail("scan", kUsage, 2);

  std::vector<ScanProfile> profiles = DefaultProfiles();
  std::map<std::string, std::string> buttons = {
      {"scan", "forms"}, {"copy", "id_card"}, {"email", "certificate"}, {"file", "passport_booklet"}};
  if (!profiles_file.empty()) {
    auto text = ReadFile(profiles_file);
    if (!text.ok()) return Fail("scan", text.status().ToString());
    auto loaded = ParseProfiles(*text);
    if (!loaded.ok()) return Fail("scan", loaded.status().WithContext(profiles_file).ToString());
    profiles = std::move(*loaded);
    auto mapped = ParseButtonProfiles(*text, profiles);
    if (!mapped.ok()) return Fail("scan", mapped.status().WithContext(profiles_file).ToString());
    if (!mapped->empty()) buttons = std::move(*mapped);
  }
  Settings settings;
  BatchOptions options;
  auto use_profile = [&](const std::string& name) -> bool {
    const ScanProfile* profile = FindProfile(profiles, name);
    if (!profile) return false;
    settings.insert(settings.begin(), profile->settings.begin(), profile->settings.end());
    const double asked = options.expect.asked_dpi;
    options.expect = profile->Expectations();
    if (asked > 0) options.expect.asked_dpi = asked;
    return true;
  };
  if (!profile_name.empty() && !use_profile(profile_name)) {
    std::string known;
    for (const auto& p : profiles) known += (known.empty() ? "" : ", ") + p.name;
    return Fail("scan", "no scan profile '" + profile_name + "'; profiles: " + known, 2);
  }
  for (const auto& text : sets) {
    auto setting = ParseSetting(text);
    if (!setting.ok()) return Fail("scan", setting.status().message(), 2);
    settings.push_back(*setting);
    if (setting->first == "resolution") options.expect.asked_dpi = std::atof(setting->second.c_str());
  }
  try {
    if (!max_pages_text.empty()) options.max_pages = std::stoi(max_pages_text);
    if (!watchdog_text.empty())
      options.watchdog_timeout = std::chrono::milliseconds(std::stoi(watchdog_text));
  } catch (const std::exception&) {
    return Fail("scan", "--max-pages and --watchdog-ms take whole numbers", 2);
  }

  if (embedded || !config_dir.empty()) {
    SaneConfig config = EmbeddedDefaultSaneConfig();
    Status prepared = config_dir.empty()
        ? PrepareSaneConfigDir(DefaultPrivateSaneConfigDir(), config)
        : UseSaneConfigDir(config_dir, config);
    if (!prepared.ok()) return Fail("scan", prepared.ToString());
  }
  auto session = SaneSession::Open();
  if (!session.ok()) return Fail("scan", session.status().ToString());
  if (wait_button) {
    ButtonPoller poller(**session, device_name, {std::chrono::milliseconds(300), buttons});
    std::atomic<bool> stop{false};
    ButtonPress pressed;
    std::cerr << "intake scan: waiting for a button on " << device_name << "\n";
    Status polled = poller.Run([&](const ButtonPress& press) { pressed = press; stop = true; }, stop);
    if (!polled.ok()) return Fail("scan", polled.ToString());
    std::cerr << "intake scan: button '" << pressed.button << "' -> profile " << pressed.profile
              << "\n";
    if (!use_profile(pressed.profile))
      return Fail("scan", "button '" + pressed.button + "' names unknown profile '" +
                              pressed.profile + "'");
  }
  auto scanner = Scanner::Open(**session, device_name, settings);
  if (!scanner.ok()) return Fail("scan", scanner.status().ToString());
  auto store = PageStore::Open(out);
  if (!store.ok()) return Fail("scan", store.status().ToString());
  options.on_page = [&](const PageMetadata& page) { PrintPage(*store, page); };

  BatchResult batch;
  if (!files.empty()) {
    std::vector<fs::path> paths(files.begin(), files.end());
    batch = ScanFilesThroughPnm((*scanner)->device(), *store, paths, options);
  } else {
    batch = (*scanner)->ScanBatch(*store, options);
  }
  if (batch.fault) {
    std::cerr << batch.fault->message_uk << "\n"
              << "intake scan: " << batch.fault->log_message << " (" << batch.pages.size()
              << " page(s) of this batch kept in " << store->pages_dir().string() << ")\n";
    return 3;
  }
  std::cerr << "intake scan: " << batch.pages.size() << " page(s) in "
            << store->pages_dir().string() << "\n";
  return 0;
}

CommandRegistration registration("scan", "scan one batch from a SANE scanner into a case folder",
                                  RunScan);

}  // namespace
}  // namespace intake::cli
