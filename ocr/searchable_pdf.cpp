#include "ocr/searchable_pdf.h"

#include <tesseract/renderer.h>
#include <fcntl.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <system_error>

#include "core/file_util.h"
#include "core/unique_fd.h"
#include "ocr/searchable_pdf_internal.h"

namespace intake::ocr {

struct SearchablePdf::Impl {
  std::filesystem::path out_path;
  std::filesystem::path temp_base;  // the renderer writes temp_base + ".pdf"
  std::unique_ptr<tesseract::TessPDFRenderer> renderer;
  int pages = 0;
  bool finished = false;
  std::mutex mu;
  std::condition_variable turn;
  int next_index = 0;  // the page index whose turn it is

  std::filesystem::path temp_file() const { return temp_base.string() + ".pdf"; }
};

struct SearchablePdfAccess {
  static Status AddPage(SearchablePdf& pdf, tesseract::TessBaseAPI& api, int index) {
    SearchablePdf::Impl& impl = *pdf.impl_;
    std::unique_lock<std::mutex> lock(impl.mu);
    if (index >= 0) {
      impl.turn.wait(lock, [&] { return impl.next_index >= index; });
      if (impl.next_index > index) {
        return Status(Code::kFailedPrecondition, "PDF page index already used");
      }
      ++impl.next_index;
      impl.turn.notify_all();
    }
    if (impl.finished || !impl.renderer) {
      return Status(Code::kFailedPrecondition, "the PDF is already finished");
    }
    if (!impl.renderer->AddImage(&api)) {
      return IoError("adding a page to the PDF " + impl.out_path.string() +
                     " failed: check free disk space");
    }
    ++impl.pages;
    return Status::Ok();
  }
};

SearchablePdf::SearchablePdf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SearchablePdf::~SearchablePdf() {
  if (impl_->finished) return;
  impl_->renderer.reset();  // closes the file
  std::error_code ec;
  std::filesystem::remove(impl_->temp_file(), ec);
}

Result<std::unique_ptr<SearchablePdf>> SearchablePdf::Create(
    const std::filesystem::path& out_path, const std::filesystem::path& tessdata_dir,
    const std::string& title) {
  std::error_code ec;
  if (!std::filesystem::exists(tessdata_dir / "pdf.ttf", ec)) {
    return NotFound("the PDF text-layer font pdf.ttf is missing in " + tessdata_dir.string() +
                    ": reinstall the Debian package tesseract-ocr");
  }
  const std::filesystem::path dir =
      out_path.has_parent_path() ? out_path.parent_path() : std::filesystem::path(".");
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir));
  auto impl = std::make_unique<Impl>();
  impl->out_path = out_path;
  impl->temp_base = dir / ("." + out_path.filename().string() + ".tmp" +
                           std::to_string(::getpid()));
  // Tesseract takes the data dir with a trailing separator when it builds the font path.
  const std::string datadir = tessdata_dir.string() + "/";
  impl->renderer = std::make_unique<tesseract::TessPDFRenderer>(impl->temp_base.c_str(),
                                                                datadir.c_str(), false);
  if (!impl->renderer->happy() || !impl->renderer->BeginDocument(title.c_str())) {
    return IoError("cannot create the PDF " + out_path.string() +
                   ": check that the folder is writable and the disk not full");
  }
  return std::unique_ptr<SearchablePdf>(new SearchablePdf(std::move(impl)));
}

int SearchablePdf::page_count() const { return impl_->pages; }

void SearchablePdf::SkipPage(int index) {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->turn.wait(lock, [&] { return impl_->next_index >= index; });
  if (impl_->next_index == index) {
    ++impl_->next_index;
    impl_->turn.notify_all();
  }
}

Status SearchablePdf::Finish() {
  if (impl_->finished) return Status::Ok();
  if (impl_->pages == 0) {
    return Status(Code::kFailedPrecondition, "the PDF " + impl_->out_path.string() +
                                                 " has no page: nothing to write");
  }
  const bool ended = impl_->renderer->EndDocument();
  const bool happy = impl_->renderer->happy();
  impl_->renderer.reset();  // flushes and closes the file
  if (!ended || !happy) {
    return IoError("writing the PDF " + impl_->out_path.string() +
                   " failed: check free disk space");
  }
  {
    UniqueFd fd(::open(impl_->temp_file().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0) return ErrnoStatus("fsync PDF", errno);
  }
  std::error_code ec;
  std::filesystem::rename(impl_->temp_file(), impl_->out_path, ec);
  if (ec) return IoError("cannot move the PDF into place at " + impl_->out_path.string() +
                         ": " + ec.message());
  impl_->finished = true;
  const auto parent = impl_->out_path.has_parent_path() ? impl_->out_path.parent_path()
                                                        : std::filesystem::path(".");
  return SyncDirectory(parent);
}

namespace internal {

Status AddPageToPdf(SearchablePdf& pdf, tesseract::TessBaseAPI& api, int index) {
  return SearchablePdfAccess::AddPage(pdf, api, index);
}

}  // namespace internal
}  // namespace intake::ocr
