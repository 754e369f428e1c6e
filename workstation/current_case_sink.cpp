#include "workstation/current_case_sink.h"

#include "capture/folder_import_page_store.h"

namespace intake {

CurrentCaseSink::CurrentCaseSink(CaseDirProvider case_dir_for_import, std::string device,
                                 capture::PageExpectations expect)
    : case_dir_for_import_(std::move(case_dir_for_import)),
      device_(std::move(device)),
      expect_(expect) {}

CurrentCaseSink::~CurrentCaseSink() { Release(); }

Result<capture::ImportedPageSink*> CurrentCaseSink::Sink() {
  INTAKE_ASSIGN_OR_RETURN(std::filesystem::path case_dir, case_dir_for_import_());
  if (sink_ && case_dir == case_dir_) return sink_.get();
  Release();
  INTAKE_ASSIGN_OR_RETURN(capture::PageStore store, capture::PageStore::Open(case_dir));
  store_.emplace(std::move(store));
  sink_ = std::make_unique<capture::PageStoreSink>(*store_, device_, expect_);
  case_dir_ = case_dir;
  return sink_.get();
}

Result<std::set<int>> CurrentCaseSink::StoredPages(const capture::ImportSourceFile& source) {
  INTAKE_ASSIGN_OR_RETURN(capture::ImportedPageSink * sink, Sink());
  return sink->StoredPages(source);
}

Status CurrentCaseSink::StorePage(const capture::ImportSourceFile& source,
                                  const capture::ImageFilePage& page) {
  INTAKE_ASSIGN_OR_RETURN(capture::ImportedPageSink * sink, Sink());
  INTAKE_RETURN_IF_ERROR(sink->StorePage(source, page));
  ++stored_;
  return Status::Ok();
}

std::string CurrentCaseSink::DestinationName() const {
  if (!case_dir_.empty()) return case_dir_.filename().string();
  auto case_dir = case_dir_for_import_();  // the case the next page goes to
  return case_dir.ok() ? case_dir->filename().string() : std::string("current case");
}

void CurrentCaseSink::Release() {
  sink_.reset();
  store_.reset();
  case_dir_.clear();
}

int CurrentCaseSink::TakeStoredCount() {
  int n = stored_;
  stored_ = 0;
  return n;
}

}  // namespace intake
