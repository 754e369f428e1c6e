// intaketest: a scriptable SANE backend for tests (see intaketest_script.h for the script).
//
// One device, "intaketest:0" through the dll backend: a sheet-fed scanner with a flatbed,
// sources "Flatbed", "ADF Front", "ADF Duplex"; modes Gray, Color, Lineart; resolution;
// sensors (read-only, soft-detect bools) scan, copy, email, file, page-loaded. Only one open
// handle at a time (an flock on <script dir>/lock): a second sane_open, in this or any other
// process, gets SANE_STATUS_DEVICE_BUSY — like a real USB scanner.
#include <fcntl.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "intaketest_script.h"

namespace {

using intaketest::Image;
using intaketest::Script;

enum Opt {
  kNumOptions, kModeGroup, kSource, kMode, kResolution, kSensorGroup,
  kScan, kCopy, kEmail, kFile, kPageLoaded, kCount
};

const char* const kSources[] = {"Flatbed", "ADF Front", "ADF Duplex", nullptr};
const char* const kModes[] = {"Gray", "Color", "Lineart", nullptr};
const SANE_Word kResolutions[] = {5, 75, 150, 200, 300, 600};
const char* const kButtons[] = {"scan", "copy", "email", "file"};

std::string g_dir;
SANE_Device g_device{"0", "intake", "scriptable test scanner", "sheetfed scanner"};
const SANE_Device* g_devices[] = {&g_device, nullptr};

struct Handle {
  int lock_fd = -1;
  Script script;
  SANE_Option_Descriptor desc[kCount]{};
  std::string source = "Flatbed", mode = "Gray";
  SANE_Word resolution = 300;
  // Current page.
  bool scanning = false, non_blocking = false, toggle = false;
  std::atomic<bool> cancelled{false};
  std::vector<unsigned char> data;  // the page in SANE layout
  size_t offset = 0;
  int bytes_per_line = 0, pixels_per_line = 0, lines = 0, depth = 8;
  SANE_Frame format = SANE_FRAME_GRAY;
  int feeder_page = 0;  // 1-based number of the current feeder page, 0 on the flatbed
  int pipe_fds[2] = {-1, -1};
};

std::string Path(const char* name) { return g_dir + "/" + name; }

void InitDescriptors(Handle& h) {
  auto& d = h.desc;
  d[kNumOptions] = {SANE_NAME_NUM_OPTIONS, SANE_TITLE_NUM_OPTIONS, SANE_DESC_NUM_OPTIONS,
                    SANE_TYPE_INT, SANE_UNIT_NONE, sizeof(SANE_Word), SANE_CAP_SOFT_DETECT,
                    SANE_CONSTRAINT_NONE, {nullptr}};
  d[kModeGroup] = {"", "Scan Mode", "", SANE_TYPE_GROUP, SANE_UNIT_NONE, 0, 0,
                   SANE_CONSTRAINT_NONE, {nullptr}};
  d[kSource] = {SANE_NAME_SCAN_SOURCE, SANE_TITLE_SCAN_SOURCE, SANE_DESC_SCAN_SOURCE,
                SANE_TYPE_STRING, SANE_UNIT_NONE, 32, SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT,
                SANE_CONSTRAINT_STRING_LIST, {nullptr}};
  d[kSource].constraint.string_list = kSources;
  d[kMode] = {SANE_NAME_SCAN_MODE, SANE_TITLE_SCAN_MODE, SANE_DESC_SCAN_MODE, SANE_TYPE_STRING,
              SANE_UNIT_NONE, 32, SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT,
              SANE_CONSTRAINT_STRING_LIST, {nullptr}};
  d[kMode].constraint.string_list = kModes;
  d[kResolution] = {SANE_NAME_SCAN_RESOLUTION, SANE_TITLE_SCAN_RESOLUTION,
                    SANE_DESC_SCAN_RESOLUTION, SANE_TYPE_INT, SANE_UNIT_DPI, sizeof(SANE_Word),
                    SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT, SANE_CONSTRAINT_WORD_LIST,
                    {nullptr}};
  d[kResolution].constraint.word_list = kResolutions;
  d[kSensorGroup] = {"", "Sensors", "", SANE_TYPE_GROUP, SANE_UNIT_NONE, 0, 0,
                     SANE_CONSTRAINT_NONE, {nullptr}};
  const char* titles[] = {"Scan button", "Copy button", "Email button", "File button"};
  for (int i = 0; i < 4; ++i)
    d[kScan + i] = {kButtons[i], titles[i], "Pressed since the last read", SANE_TYPE_BOOL,
                    SANE_UNIT_NONE, sizeof(SANE_Word),
                    SANE_CAP_SOFT_DETECT | SANE_CAP_HARD_SELECT | SANE_CAP_ADVANCED,
                    SANE_CONSTRAINT_NONE, {nullptr}};
  d[kPageLoaded] = {"page-loaded", "Page loaded", "Paper is in the feeder", SANE_TYPE_BOOL,
                    SANE_UNIT_NONE, sizeof(SANE_Word),
                    SANE_CAP_SOFT_DETECT | SANE_CAP_HARD_SELECT | SANE_CAP_ADVANCED,
                    SANE_CONSTRAINT_NONE, {nullptr}};
}

int Fed() { return intaketest::ReadCounter(Path("fed")); }

// Builds the page in SANE layout from one or two images (a double feed stacks them).
bool BuildPage(Handle& h, const std::vector<Image>& images) {
  int width = 0, height = 0;
  for (const auto& im : images) {
    width = std::max(width, im.width);
    height += im.height;
  }
  if (width == 0 || height == 0) return false;
  const bool color = h.mode == "Color", lineart = h.mode == "Lineart";
  h.pixels_per_line = width;
  h.depth = lineart ? 1 : 8;
  h.format = color ? SANE_FRAME_RGB : SANE_FRAME_GRAY;
  h.bytes_per_line = lineart ? (width + 7) / 8 : width * (color ? 3 : 1);
  h.lines = height;
  h.data.assign(static_cast<size_t>(h.bytes_per_line) * height, 0);
  int y0 = 0;
  for (const auto& im : images) {
    for (int y = 0; y < im.height; ++y) {
      unsigned char* row = &h.data[static_cast<size_t>(y0 + y) * h.bytes_per_line];
      for (int x = 0; x < width; ++x) {
        unsigned char rgb[3] = {255, 255, 255};
        if (x < im.width) {
          const unsigned char* p = &im.pixels[(static_cast<size_t>(y) * im.width + x) * im.channels];
          for (int c = 0; c < 3; ++c) rgb[c] = p[im.channels == 3 ? c : 0];
        }
        const int gray = (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000;
        if (lineart) {
          if (gray < 128) row[x / 8] |= static_cast<unsigned char>(0x80 >> (x % 8));
        } else if (color) {
          std::memcpy(row + 3 * x, rgb, 3);
        } else {
          row[x] = static_cast<unsigned char>(gray);
        }
      }
    }
    y0 += im.height;
  }
  h.offset = 0;
  return true;
}

SANE_Status StartPage(Handle& h) {
  h.script = intaketest::LoadScript(g_dir);
  if (h.script.cover_open) return SANE_STATUS_COVER_OPEN;
  std::vector<Image> images;
  h.feeder_page = 0;
  if (h.source == "Flatbed") {
    images.push_back(intaketest::LoadPnm(h.script.flatbed));
  } else {
    int fed = Fed();
    if (fed >= static_cast<int>(h.script.feeder.size())) return SANE_STATUS_NO_DOCS;
    h.feeder_page = fed + 1;
    images.push_back(intaketest::LoadPnm(h.script.feeder[fed]));
    ++fed;
    if (h.script.double_feed_at == h.feeder_page && fed < static_cast<int>(h.script.feeder.size())) {
      images.push_back(intaketest::LoadPnm(h.script.feeder[fed]));
      ++fed;
    }
    intaketest::WriteCounter(Path("fed"), fed);
  }
  if (!BuildPage(h, images)) return SANE_STATUS_IO_ERROR;
  h.scanning = true;
  h.cancelled = false;
  return SANE_STATUS_GOOD;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) SANE_Status sane_intaketest_init(
    SANE_Int* version_code, SANE_Auth_Callback) {
  if (version_code) *version_code = SANE_VERSION_CODE(1, 0, 0);
  const char* config = getenv("SANE_CONFIG_DIR");
  std::ifstream conf(std::string(config ? config : ".") + "/intaketest.conf");
  std::string key, value;
  while (conf >> key >> value)
    if (key == "script") g_dir = value;
  if (g_dir.empty()) g_dir = ".";
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) void sane_intaketest_exit() {}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_get_devices(
    const SANE_Device*** list, SANE_Bool) {
  *list = g_devices;
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_open(SANE_String_Const name,
                                                                        SANE_Handle* out) {
  if (name && *name && std::strcmp(name, "0") != 0) return SANE_STATUS_INVAL;
  int fd = ::open(Path("lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return SANE_STATUS_IO_ERROR;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return SANE_STATUS_DEVICE_BUSY;
  }
  auto* h = new Handle();
  h->lock_fd = fd;
  InitDescriptors(*h);
  intaketest::WriteCounter(Path("opens"), intaketest::ReadCounter(Path("opens")) + 1);
  *out = h;
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) void sane_intaketest_close(SANE_Handle handle) {
  auto* h = static_cast<Handle*>(handle);
  for (int fd : h->pipe_fds)
    if (fd >= 0) ::close(fd);
  ::flock(h->lock_fd, LOCK_UN);
  ::close(h->lock_fd);
  delete h;
}

__attribute__((visibility("default"))) const SANE_Option_Descriptor*
sane_intaketest_get_option_descriptor(SANE_Handle handle, SANE_Int option) {
  auto* h = static_cast<Handle*>(handle);
  if (option < 0 || option >= kCount) return nullptr;
  return &h->desc[option];
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_control_option(
    SANE_Handle handle, SANE_Int option, SANE_Action action, void* value, SANE_Int* info) {
  auto* h = static_cast<Handle*>(handle);
  if (info) *info = 0;
  if (option < 0 || option >= kCount || h->desc[option].type == SANE_TYPE_GROUP)
    return SANE_STATUS_INVAL;
  if (h->scanning && action != SANE_ACTION_GET_VALUE) return SANE_STATUS_DEVICE_BUSY;
  auto* word = static_cast<SANE_Word*>(value);
  if (action == SANE_ACTION_GET_VALUE) {
    switch (option) {
      case kNumOptions: *word = kCount; break;
      case kSource: std::strcpy(static_cast<char*>(value), h->source.c_str()); break;
      case kMode: std::strcpy(static_cast<char*>(value), h->mode.c_str()); break;
      case kResolution: *word = h->resolution; break;
      case kPageLoaded: {
        Script s = intaketest::LoadScript(g_dir);
        *word = Fed() < static_cast<int>(s.feeder.size());
        break;
      }
      default: *word = intaketest::TakeButton(g_dir, kButtons[option - kScan]); break;
    }
    return SANE_STATUS_GOOD;
  }
  if (action != SANE_ACTION_SET_VALUE || !(h->desc[option].cap & SANE_CAP_SOFT_SELECT))
    return SANE_STATUS_INVAL;
  if (option == kSource || option == kMode) {
    const char* const* list = option == kSource ? kSources : kModes;
    for (; *list; ++list)
      if (std::strcmp(*list, static_cast<const char*>(value)) == 0) break;
    if (!*list) return SANE_STATUS_INVAL;
    (option == kSource ? h->source : h->mode) = *list;
    if (info) *info |= SANE_INFO_RELOAD_PARAMS;
    return SANE_STATUS_GOOD;
  }
  // kResolution
  SANE_Word asked = *word;
  bool listed = false;
  for (int i = 1; i <= kResolutions[0]; ++i) listed |= kResolutions[i] == asked;
  if (!listed) return SANE_STATUS_INVAL;
  Script s = intaketest::LoadScript(g_dir);
  h->resolution = s.max_dpi > 0 && asked > s.max_dpi ? s.max_dpi : asked;
  if (info) *info |= SANE_INFO_RELOAD_PARAMS | (h->resolution != asked ? SANE_INFO_INEXACT : 0);
  *word = h->resolution;
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_get_parameters(
    SANE_Handle handle, SANE_Parameters* p) {
  auto* h = static_cast<Handle*>(handle);
  p->format = h->format;
  p->last_frame = SANE_TRUE;
  p->bytes_per_line = h->bytes_per_line;
  p->pixels_per_line = h->pixels_per_line;
  p->lines = h->script.hand_scanner ? -1 : h->lines;
  p->depth = h->depth;
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_start(SANE_Handle handle) {
  auto* h = static_cast<Handle*>(handle);
  h->non_blocking = false;
  return StartPage(*h);
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_read(SANE_Handle handle,
                                                                        SANE_Byte* buf,
                                                                        SANE_Int max,
                                                                        SANE_Int* len) {
  auto* h = static_cast<Handle*>(handle);
  *len = 0;
  if (h->cancelled) {
    h->scanning = false;
    return SANE_STATUS_CANCELLED;
  }
  if (!h->scanning) return SANE_STATUS_EOF;
  const size_t half = h->data.size() / 2;
  const int page = h->feeder_page;
  if (page > 0 && h->offset >= half) {
    if (page == h->script.jam_at) { h->scanning = false; return SANE_STATUS_JAMMED; }
    if (page == h->script.ioerror_at) { h->scanning = false; return SANE_STATUS_IO_ERROR; }
    if (page == h->script.hang_at) {
      while (!h->cancelled) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      h->scanning = false;
      return SANE_STATUS_CANCELLED;
    }
  }
  if (h->non_blocking && (h->toggle = !h->toggle)) return SANE_STATUS_GOOD;  // "no data yet"
  if (h->offset >= h->data.size()) {
    h->scanning = false;
    return SANE_STATUS_EOF;
  }
  size_t n = std::min<size_t>({static_cast<size_t>(max), static_cast<size_t>(h->script.chunk),
                               h->data.size() - h->offset});
  // Stop at the middle once so the fault directives above trigger mid-page.
  if (page > 0 && h->offset < half && h->offset + n > half) n = half - h->offset;
  std::memcpy(buf, &h->data[h->offset], n);
  h->offset += n;
  *len = static_cast<SANE_Int>(n);
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) void sane_intaketest_cancel(SANE_Handle handle) {
  auto* h = static_cast<Handle*>(handle);
  h->cancelled = true;
  // A read blocked in hang_at sees the flag; a finished cycle just resets.
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_set_io_mode(SANE_Handle handle,
                                                                               SANE_Bool nb) {
  auto* h = static_cast<Handle*>(handle);
  if (!h->scanning) return SANE_STATUS_INVAL;
  h->non_blocking = nb;
  return SANE_STATUS_GOOD;
}

__attribute__((visibility("default"))) SANE_Status sane_intaketest_get_select_fd(
    SANE_Handle handle, SANE_Int* fd) {
  auto* h = static_cast<Handle*>(handle);
  if (!h->scanning) return SANE_STATUS_INVAL;
  if (h->pipe_fds[0] < 0) {
    if (::pipe(h->pipe_fds) != 0) return SANE_STATUS_IO_ERROR;
    // Always readable: data is in memory; the frontend still goes through select/poll.
    (void)!::write(h->pipe_fds[1], "x", 1);
  }
  *fd = h->pipe_fds[0];
  return SANE_STATUS_GOOD;
}

}  // extern "C"
