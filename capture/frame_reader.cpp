#include "capture/frame_reader.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "capture/sane_device.h"
#include "capture/scan_watchdog.h"
#include "core/log.h"

namespace intake::capture {

namespace fs = std::filesystem;

namespace {

// Reads one frame, handing each complete row (bytes_per_line, padding included) to `on_row`.
// Returns the number of rows.
Result<int> ReadFrameRows(SaneDevice& device, const FrameParameters& p, const ReadControl& control,
                          const std::function<Status(std::span<const std::byte>)>& on_row) {
  if (p.bytes_per_line <= 0)
    return Status(Code::kDeviceFault, "scanner " + device.name() + " announced an empty line");
  std::vector<std::byte> chunk(std::max<size_t>(control.buffer_bytes, 1));
  std::vector<std::byte> row(static_cast<size_t>(p.bytes_per_line));
  size_t row_fill = 0;
  int rows = 0;
  std::optional<int> select_fd;
  if (control.non_blocking) {
    auto fd = device.SelectFd();
    if (fd.ok()) select_fd = *fd;
  }
  if (control.watchdog) control.watchdog->Arm();
  struct Disarm {
    ScanWatchdog* w;
    ~Disarm() { if (w) w->Disarm(); }
  } disarm{control.watchdog};
  for (;;) {
    auto read = device.Read(chunk);
    if (!read.ok()) {
      if (control.watchdog && control.watchdog->fired())
        return Status(Code::kUnavailable,
                      "scanner " + device.name() + " stopped answering for " +
                          std::to_string(control.watchdog->timeout().count()) + " ms");
      return read.status();
    }
    if (read->eof) {
      // Some backends end a cancelled frame with EOF rather than SANE_STATUS_CANCELLED.
      if (control.watchdog && control.watchdog->fired())
        return Status(Code::kUnavailable,
                      "scanner " + device.name() + " stopped answering for " +
                          std::to_string(control.watchdog->timeout().count()) + " ms");
      if (device.cancel_requested())
        return Status(Code::kCancelled, "scan on " + device.name() + " cancelled");
      break;
    }
    if (read->bytes == 0) {  // non-blocking and nothing yet
      if (device.cancel_requested())
        return Status(Code::kCancelled, "scan on " + device.name() + " cancelled");
      if (select_fd) {
        pollfd pfd{*select_fd, POLLIN, 0};
        ::poll(&pfd, 1, 50);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      continue;
    }
    if (control.watchdog) control.watchdog->Kick();
    size_t offset = 0;
    // Whole rows inside the chunk go to on_row in place; only rows split across reads are
    // assembled in `row`.
    while (row_fill == 0 && read->bytes - offset >= row.size()) {
      INTAKE_RETURN_IF_ERROR(on_row(std::span<const std::byte>(chunk).subspan(offset, row.size())));
      ++rows;
      offset += row.size();
    }
    while (offset < read->bytes) {
      size_t take = std::min(read->bytes - offset, row.size() - row_fill);
      std::memcpy(row.data() + row_fill, chunk.data() + offset, take);
      row_fill += take;
      offset += take;
      if (row_fill == row.size()) {
        INTAKE_RETURN_IF_ERROR(on_row(row));
        ++rows;
        row_fill = 0;
      }
    }
  }
  if (row_fill != 0)
    LogWarning("capture", "scanner " + device.name() + " ended a frame inside a line; " +
                              std::to_string(row_fill) + " bytes dropped");
  return rows;
}

// A SANE row (host-order 16-bit, padded) in PNM layout: the row itself without its padding,
// or, for 16-bit samples on a little-endian host, a byte-swapped copy in `scratch`.
std::span<const std::byte> ToPnmRow(std::span<const std::byte> sane_row, size_t pnm_bytes,
                                    int depth, std::vector<std::byte>& scratch) {
  if (depth != 16 || std::endian::native != std::endian::little)
    return sane_row.first(pnm_bytes);
  scratch.assign(sane_row.begin(), sane_row.begin() + static_cast<std::ptrdiff_t>(pnm_bytes));
  for (size_t i = 0; i + 1 < scratch.size(); i += 2) std::swap(scratch[i], scratch[i + 1]);
  return scratch;
}

struct PlaneFile {
  fs::path path;
  ~PlaneFile() {
    std::error_code ec;
    if (!path.empty()) fs::remove(path, ec);
  }
};

Status CheckFrame(const SaneDevice& device, const FrameParameters& p) {
  if (p.pixels_per_line <= 0 || (p.depth != 1 && p.depth != 8 && p.depth != 16))
    return Status(Code::kDeviceFault, "scanner " + device.name() + " sent unsupported frame: " +
                                          std::to_string(p.pixels_per_line) + " px, depth " +
                                          std::to_string(p.depth));
  const int channels = p.format == FrameFormat::kRgb ? 3 : 1;
  const long long need = p.depth == 1 ? (p.pixels_per_line + 7) / 8
                                      : 1LL * p.pixels_per_line * channels * (p.depth / 8);
  if (p.bytes_per_line < need)
    return Status(Code::kDeviceFault, "scanner " + device.name() + " sent " +
                                          std::to_string(p.bytes_per_line) + " bytes per line for " +
                                          std::to_string(p.pixels_per_line) + " pixels");
  if (p.depth == 1 && p.format == FrameFormat::kRgb)
    return Status(Code::kDeviceFault, "1-bit colour frames are not supported");
  return Status::Ok();
}

Result<PageImage> ReadSingleFrame(SaneDevice& device, const FrameParameters& p,
                                  const fs::path& out, const ReadControl& control) {
  PageImage page;
  page.width = p.pixels_per_line;
  page.depth = p.depth;
  page.kind = p.depth == 1 ? PnmKind::kBitmap
              : p.format == FrameFormat::kRgb ? PnmKind::kRgb : PnmKind::kGray;
  page.layout = p.depth == 1 ? "lineart" : p.format == FrameFormat::kRgb ? "rgb" : "gray";
  page.height_was_unknown = p.lines < 0;
  INTAKE_ASSIGN_OR_RETURN(auto writer, PnmWriter::Create(out, page.kind, page.width, page.depth));
  std::vector<std::byte> scratch;
  INTAKE_ASSIGN_OR_RETURN(int rows, ReadFrameRows(device, p, control,
      [&](std::span<const std::byte> row) {
        const std::span<const std::byte> pnm_row = ToPnmRow(row, writer->row_bytes(), p.depth, scratch);
        if (page.kind == PnmKind::kBitmap) page.stats.AddBitmapRow(pnm_row, page.width);
        else if (page.kind == PnmKind::kRgb) page.stats.AddRgbRow(pnm_row, page.width, p.depth);
        else page.stats.AddGrayRow(pnm_row, page.width, p.depth);
        return writer->WriteRow(pnm_row);
      }));
  page.height = rows;
  page.short_page = p.lines > 0 && rows < p.lines;
  INTAKE_RETURN_IF_ERROR(writer->Finish());
  return page;
}

// Three-pass: each colour frame goes to its own plane file; then rows are interleaved.
Result<PageImage> ReadThreePass(SaneDevice& device, FrameParameters p, const fs::path& out,
                                const ReadControl& control) {
  std::array<PlaneFile, 3> planes;
  std::array<bool, 3> seen{};
  PageImage page;
  page.width = p.pixels_per_line;
  page.depth = p.depth;
  page.kind = PnmKind::kRgb;
  page.layout = "three-pass";
  page.frames = 0;
  int height = -1;
  const size_t plane_row = static_cast<size_t>(p.pixels_per_line) * (p.depth / 8);
  for (;;) {
    const int channel = p.format == FrameFormat::kRed ? 0 : p.format == FrameFormat::kGreen ? 1
                        : p.format == FrameFormat::kBlue ? 2 : -1;
    if (channel < 0 || seen[channel] || p.pixels_per_line != page.width || p.depth != page.depth)
      return Status(Code::kDeviceFault, "scanner " + device.name() +
                                            " sent an inconsistent three-pass frame sequence");
    seen[channel] = true;
    if (p.lines < 0) page.height_was_unknown = true;
    planes[channel].path = out;
    planes[channel].path += std::string(".plane") + "rgb"[channel];
    std::ofstream plane(planes[channel].path, std::ios::binary | std::ios::trunc);
    if (!plane) return IoError("cannot create " + planes[channel].path.string());
    std::vector<std::byte> scratch;
    INTAKE_ASSIGN_OR_RETURN(int rows, ReadFrameRows(device, p, control,
        [&](std::span<const std::byte> row) -> Status {
          const std::span<const std::byte> pnm_row = ToPnmRow(row, plane_row, p.depth, scratch);
          plane.write(reinterpret_cast<const char*>(pnm_row.data()),
                      static_cast<std::streamsize>(pnm_row.size()));
          return plane ? Status::Ok() : IoError("write " + planes[channel].path.string());
        }));
    plane.close();
    if (!plane) return IoError("write " + planes[channel].path.string());
    height = height < 0 ? rows : std::min(height, rows);
    ++page.frames;
    if (p.last_frame) break;
    INTAKE_RETURN_IF_ERROR(device.Start());
    if (control.non_blocking) INTAKE_RETURN_IF_ERROR(device.SetNonBlocking(true));
    INTAKE_ASSIGN_OR_RETURN(p, device.GetParameters());
  }
  if (!(seen[0] && seen[1] && seen[2]))
    return Status(Code::kDeviceFault, "scanner " + device.name() +
                                          " ended a three-pass page before all colours arrived");
  INTAKE_ASSIGN_OR_RETURN(auto writer, PnmWriter::Create(out, PnmKind::kRgb, page.width, page.depth));
  std::array<std::ifstream, 3> in;
  for (int c = 0; c < 3; ++c) in[c].open(planes[c].path, std::ios::binary);
  const size_t sample = static_cast<size_t>(page.depth / 8);
  std::array<std::vector<std::byte>, 3> rows;
  std::vector<std::byte> rgb(writer->row_bytes());
  for (int y = 0; y < height; ++y) {
    for (int c = 0; c < 3; ++c) {
      rows[c].resize(plane_row);
      in[c].read(reinterpret_cast<char*>(rows[c].data()), static_cast<std::streamsize>(plane_row));
      if (!in[c]) return IoError("read back " + planes[c].path.string());
    }
    for (int x = 0; x < page.width; ++x)
      for (int c = 0; c < 3; ++c)
        std::memcpy(&rgb[(static_cast<size_t>(x) * 3 + c) * sample],
                    &rows[c][static_cast<size_t>(x) * sample], sample);
    page.stats.AddRgbRow(rgb, page.width, page.depth);
    INTAKE_RETURN_IF_ERROR(writer->WriteRow(rgb));
  }
  page.height = height;
  INTAKE_RETURN_IF_ERROR(writer->Finish());
  return page;
}

}  // namespace

Result<PageImage> ReadPage(SaneDevice& device, const fs::path& out, const ReadControl& control) {
  auto read = [&]() -> Result<PageImage> {
    if (control.non_blocking) INTAKE_RETURN_IF_ERROR(device.SetNonBlocking(true));
    INTAKE_ASSIGN_OR_RETURN(FrameParameters p, device.GetParameters());
    INTAKE_RETURN_IF_ERROR(CheckFrame(device, p));
    if (p.format == FrameFormat::kGray || p.format == FrameFormat::kRgb) {
      if (!p.last_frame)
        LogWarning("capture", "scanner " + device.name() + " sent a gray/RGB frame marked "
                              "not last; treating it as the whole page");
      return ReadSingleFrame(device, p, out, control);
    }
    return ReadThreePass(device, p, out, control);
  };
  Result<PageImage> page = read();
  if (!page.ok()) {
    std::error_code ec;
    fs::remove(out, ec);
  }
  return page;
}

}  // namespace intake::capture
