#include "capture/batch_scanner.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "capture/frame_reader.h"
#include "capture/sane_device.h"
#include "capture/scan_watchdog.h"
#include "core/log.h"

namespace intake::capture {

namespace {

std::string SourceText(const SaneDevice& device) {
  if (!device.FindOption("source")) return "";
  auto text = device.GetOptionText("source");
  if (!text.ok()) return "";
  std::string lower = *text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

double Resolution(const SaneDevice& device, const char* name) {
  const OptionDescriptor* o = device.FindOption(name);
  if (!o || !o->readable()) return 0;
  auto v = device.GetOption(name);
  return v.ok() && !v->numbers.empty() ? v->numbers[0] : 0;
}

// Scans one page whose first frame has been started; commits or discards it.
Status ScanOnePage(SaneDevice& device, PageStore& store, const BatchOptions& options,
                   ScanWatchdog* watchdog, int batch_page, const std::string& source,
                   BatchResult& result) {
  const std::filesystem::path partial = store.PartialPath("pnm");
  ReadControl control;
  control.non_blocking = options.non_blocking;
  control.watchdog = watchdog;
  auto page = ReadPage(device, partial, control);
  if (!page.ok()) {
    store.Discard(partial);
    return page.status();
  }
  PageMetadata meta;
  meta.device = device.name();
  meta.source = source;
  meta.settings = CurrentSettings(device);
  meta.width = page->width;
  meta.height = page->height;
  meta.depth = page->depth;
  meta.layout = page->layout;
  meta.batch_page = batch_page;
  double x_dpi = Resolution(device, "resolution");
  if (x_dpi == 0) x_dpi = Resolution(device, "x-resolution");
  double y_dpi = Resolution(device, "y-resolution");
  if (y_dpi == 0) y_dpi = x_dpi;
  meta.dpi = x_dpi;
  meta.checks = CheckPage(*page, y_dpi, options.expect);
  if (page->short_page)
    meta.checks.push_back({"short_page",
                           "Сканер передав неповну сторінку. Відскануйте її ще раз.",
                           "fewer lines than announced"});
  meta.rescan = !meta.checks.empty();
  auto committed = store.Commit(partial, "pnm", std::move(meta));
  if (!committed.ok()) {
    store.Discard(partial);
    return committed.status();
  }
  for (const auto& check : committed->checks)
    LogWarning("capture", "page " + std::to_string(committed->sequence) + " flagged " +
                              check.check + ": " + check.detail);
  result.pages.push_back(*committed);
  if (options.on_page) options.on_page(*committed);
  return Status::Ok();
}

}  // namespace

bool IsFeederSource(const SaneDevice& device) {
  const std::string s = SourceText(device);
  return s.find("adf") != std::string::npos || s.find("feeder") != std::string::npos ||
         s.find("duplex") != std::string::npos;
}

bool IsDuplexSource(const SaneDevice& device) {
  return SourceText(device).find("duplex") != std::string::npos;
}

std::map<std::string, std::string> CurrentSettings(const SaneDevice& device) {
  std::map<std::string, std::string> settings;
  for (const auto& o : device.options()) {
    if (!o.settable() || !o.readable() || o.value_count != 1 || o.name.empty() ||
        o.type == OptionType::kButton)
      continue;
    auto text = device.GetOptionText(o.name);
    if (text.ok()) settings[o.name] = *text;
  }
  return settings;
}

BatchResult ScanBatch(SaneDevice& device, PageStore& store, const BatchOptions& options) {
  BatchResult result;
  const bool feeder = IsFeederSource(device);
  const bool duplex = IsDuplexSource(device);
  const int max_pages = options.max_pages < 0 ? (feeder ? 0 : 1) : options.max_pages;
  std::unique_ptr<ScanWatchdog> watchdog;
  if (options.watchdog_timeout.count() > 0)
    watchdog = std::make_unique<ScanWatchdog>(device, options.watchdog_timeout);
  device.ClearCancel();
  int batch_page = 0;
  while (max_pages == 0 || batch_page < max_pages) {
    const int sequence = store.next_sequence();
    Status started = device.Start();
    if (!started.ok()) {
      if (started.code() == Code::kNoDocuments && batch_page > 0) {
        result.feeder_empty = true;
        break;
      }
      result.fault = ClassifyFault(started, started.code() == Code::kNoDocuments ? 0 : sequence);
      break;
    }
    ++batch_page;
    const std::string source = !feeder ? "flatbed"
                               : duplex ? (batch_page % 2 ? "adf-front" : "adf-back")
                                        : "adf-front";
    Status scanned = ScanOnePage(device, store, options, watchdog.get(), batch_page, source, result);
    if (!scanned.ok()) {
      result.fault = ClassifyFault(scanned, sequence);
      break;
    }
  }
  device.FinishScan();  // ends the SANE scan cycle; required after the last page of a batch
  if (result.fault) LogWarning("capture", result.fault->log_message);
  LogInfo("capture", "batch on " + device.name() + ": " + std::to_string(result.pages.size()) +
                         " page(s)" + (result.fault ? ", ended by a fault" : ""));
  return result;
}

BatchResult ScanFilesThroughPnm(SaneDevice& pnm_device, PageStore& store,
                                const std::vector<std::filesystem::path>& files,
                                const BatchOptions& options) {
  BatchResult all;
  BatchOptions one = options;
  one.max_pages = 1;
  for (const auto& file : files) {
    auto set = pnm_device.SetOption("filename", std::filesystem::absolute(file).string());
    if (!set.ok()) {
      all.fault = ClassifyFault(set.status(), store.next_sequence());
      break;
    }
    BatchResult page = ScanBatch(pnm_device, store, one);
    for (auto& p : page.pages) all.pages.push_back(std::move(p));
    if (page.fault) {
      all.fault = std::move(page.fault);
      break;
    }
  }
  return all;
}

}  // namespace intake::capture
