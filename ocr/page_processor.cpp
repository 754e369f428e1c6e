#include "ocr/page_processor.h"

#include <chrono>
#include <ctime>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/image_file_reader_cv.h"
#include "ocr/cleanup.h"
#include "ocr/doc_classifier.h"
#include "ocr/field_extractor.h"
#include "ocr/fill_line_finder.h"
#include "ocr/orientation_detector.h"
#include "ocr/page_processor_internal.h"
#include "ocr/tesseract_engine.h"

namespace intake::ocr {
namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the calling thread, ms: a stage's cost on one core, whatever else runs.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

ImageView ViewOf(const cv::Mat& m, int dpi) {
  return ImageView{m.data, m.cols, m.rows, m.channels(), m.step[0], dpi};
}

void AddReviewReasons(const PageProcessorOptions& options, PageResult& r) {
  if (r.blank) r.review_reasons.push_back("blank page: kept, check it is meant to be empty");
  if (!r.blank && r.confidence < options.review_below_confidence) {
    r.review_reasons.push_back("low OCR confidence");
  }
  for (const auto& f : r.fields) {
    if (!f.valid) {
      r.review_reasons.push_back(f.name + ": " + f.reason);
    } else if (f.confidence < options.field_review_below) {
      r.review_reasons.push_back(f.name + ": low confidence");
    }
  }
  r.needs_review = !r.review_reasons.empty();
}

}  // namespace

struct PageProcessor::Impl {
  PageProcessorOptions options;
  std::unique_ptr<TesseractEngine> engine;
  std::shared_ptr<OrientationDetector> orientation;
};

PageProcessor::PageProcessor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PageProcessor::~PageProcessor() = default;

Result<std::unique_ptr<PageProcessor>> PageProcessor::Create(const PageProcessorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  TesseractOptions tess;
  tess.languages = options.languages;
  tess.latin_second_look = options.latin_second_look;
  tess.tessdata_dir = options.tessdata_dir;
  tess.want_hocr = true;  // cheap next to recognition; case folders always keep it
  INTAKE_ASSIGN_OR_RETURN(impl->engine, TesseractEngine::Create(tess));
  if (options.detect_orientation && options.shared_orientation) {
    impl->orientation = options.shared_orientation;
  } else if (options.detect_orientation) {
    INTAKE_ASSIGN_OR_RETURN(impl->orientation,
                            OrientationDetector::Create(impl->engine->tessdata_dir()));
  }
  return std::unique_ptr<PageProcessor>(new PageProcessor(std::move(impl)));
}

const std::filesystem::path& PageProcessor::tessdata_dir() const {
  return impl_->engine->tessdata_dir();
}

Result<PageResult> PageProcessor::Process(const capture::ImageFilePage& page,
                                          const PageLabel& label, const PageOutputs& outputs) {
  const auto start = Clock::now();
  if (page.bytes.empty() || page.width <= 0 || page.height <= 0 ||
      (page.channels != 1 && page.channels != 3)) {
    return InvalidArgument(label.file + " page " + std::to_string(label.page) +
                           ": empty or unsupported page image");
  }
  PageResult result;
  result.file = label.file;
  result.page = label.page;
  const double dpi = page.dpi_x > 0 ? page.dpi_x : 300;

  double stage_start = ThreadCpuMs();
  auto end_stage = [&stage_start](double& into) {
    const double now = ThreadCpuMs();
    into += now - stage_start;
    stage_start = now;
  };

  // 1. Cleanup. Colour pages are handed over in BGR, as OpenCV (and cleanup) expect.
  cv::Mat input = capture::ImageFilePageToMat(page);
  CleanupOptions cleanup_options;
  cleanup_options.dpi = dpi;
  // OCR reads the gray page; the B/W image is only made for a case folder (step 4).
  cleanup_options.binarize = false;
  Result<CleanedPage> cleaned_or = CleanPage(input, cleanup_options);
  if (!cleaned_or.ok()) {
    return cleaned_or.status().WithContext(label.file + " page " + std::to_string(label.page));
  }
  input.release();
  CleanedPage cleaned = std::move(cleaned_or).value();
  result.blank = cleaned.blank;
  result.skew_deg = cleaned.skew_deg;
  result.cleaned_kind = cleaned.keep_tone ? (cleaned.is_colour ? "color" : "gray") : "bw";
  end_stage(result.timing.cleanup_ms);

  // 2. Orientation: OSD on the deskewed gray page; blank pages have nothing to read.
  const int idpi = static_cast<int>(dpi + 0.5);
  if (!cleaned.blank && impl_->orientation) {
    INTAKE_ASSIGN_OR_RETURN(OrientationResult turn,
                            impl_->orientation->Detect(ViewOf(cleaned.gray, idpi)));
    // OSD unsure, or its answer contradicts the direction of the text lines cleanup saw:
    // decide by reading.
    const bool sideways = turn.ccw_deg == 90 || turn.ccw_deg == 270;
    if (!turn.reliable || sideways != cleaned.lines_vertical) {
      INTAKE_ASSIGN_OR_RETURN(turn.ccw_deg,
                              internal::ChooseTurnByReading(*impl_->engine, cleaned.gray, idpi,
                                                            cleaned.lines_vertical));
    }
    result.orientation_deg = turn.ccw_deg;
    result.orientation_confidence = turn.confidence;
    internal::TurnClockwise(cleaned.gray, turn.ccw_deg);
    internal::TurnClockwise(cleaned.binary, turn.ccw_deg);
    internal::TurnClockwise(cleaned.colour, turn.ccw_deg);
  }
  end_stage(result.timing.orientation_ms);

  // 3. OCR. A blank page is not read: it has nothing to read, and its PDF page (if any) is
  // its image alone.
  if (!cleaned.blank) {
    const cv::Mat& ocr_image = internal::ImageForOcr(cleaned);
    INTAKE_ASSIGN_OR_RETURN(OcrOutput ocr,
                            impl_->engine->Recognize(ViewOf(ocr_image, idpi), label.page - 1));
    result.text = std::move(ocr.text);
    result.confidence = ocr.confidence;
    end_stage(result.timing.ocr_ms);
    if (impl_->options.want_hocr || !outputs.case_dir.empty()) result.hocr = std::move(ocr.hocr);
    result.fields = ExtractFields(ocr.words);
    // Underscore runs of a form ("Підпис ______") are not read by Tesseract: put them back.
    result.text = InsertFillLines(result.text, ocr.words, FindFillLines(ocr_image, ocr.words));
    const DocClass cls = ClassifyDocument(result.text, result.fields);
    result.doc_type = cls.doc_type;
    result.doc_type_confidence = cls.confidence;
    if (impl_->options.want_words) result.words = std::move(ocr.words);
  }
  AddReviewReasons(impl_->options, result);
  end_stage(result.timing.fields_ms);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();

  // 4. Case folder outputs.
  if (!outputs.case_dir.empty()) {
    if (!cleaned.keep_tone) INTAKE_RETURN_IF_ERROR(BinarizeCleanedPage(cleaned, cleanup_options));
    INTAKE_RETURN_IF_ERROR(internal::WritePageToCase(
        outputs.case_dir, outputs.case_page > 0 ? outputs.case_page : label.page, result, cleaned));
  }
  return result;
}

Result<PageResult> PageProcessor::ProcessFile(const std::filesystem::path& path, int page_index,
                                              const PageOutputs& outputs) {
  INTAKE_ASSIGN_OR_RETURN(std::unique_ptr<capture::ImageFileReader> reader,
                          capture::ImageFileReader::Open(path));
  INTAKE_ASSIGN_OR_RETURN(capture::ImageFilePage page, reader->ReadPage(page_index));
  return Process(page, PageLabel{path.string(), page_index + 1}, outputs);
}

}  // namespace intake::ocr
