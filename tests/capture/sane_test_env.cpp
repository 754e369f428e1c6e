#include "tests/capture/sane_test_env.h"

#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#include "capture/sane_config.h"
#include "tests/support/test_util.h"
#include "tools/page_renderer/page_renderer.h"

namespace intake::capture::testing {

namespace fs = std::filesystem;

namespace {
fs::path ConfigDir() {
  return intake::testing::BinaryDir() / "test-tmp" / ("sane-" + std::to_string(::getpid()));
}
}  // namespace

fs::path IntakeTestScriptDir() { return ConfigDir() / "intaketest"; }

Status UsePrivateSaneConfig() {
  static Status once = [] {
    SaneConfig config = EmbeddedDefaultSaneConfig();
    config.backends.push_back("intaketest");
    // The net backend reaches a saned on 127.0.0.1 (sane_net_test.cpp). Only ListDevices
    // without local_only and opening a net: device contact it.
    config.backends.push_back("net");
    config.backend_files["net.conf"] = "connect_timeout = 2\n127.0.0.1\n";
    config.library_dirs.push_back(intake::testing::BinaryDir() / "lib");
    config.backend_files["intaketest.conf"] = "script " + IntakeTestScriptDir().string() + "\n";
    fs::create_directories(IntakeTestScriptDir());
    return PrepareSaneConfigDir(ConfigDir(), config);
  }();
  return once;
}

Status RenderGrayPage(const fs::path& path, const std::vector<std::string>& lines, int dpi,
                      unsigned seed) {
  testpages::PageSpec spec;
  spec.lines = lines;
  spec.dpi = dpi;
  spec.seed = seed;
  spec.noise_sigma = 3;
  INTAKE_ASSIGN_OR_RETURN(cv::Mat page, testpages::RenderPage(spec));
  try {
    if (!cv::imwrite(path.string(), page)) return IoError("cannot write " + path.string());
  } catch (const cv::Exception& e) {
    return IoError(std::string("imwrite: ") + e.what());
  }
  return Status::Ok();
}

Status WriteUniformPage(const fs::path& path, int width, int height, int level) {
  cv::Mat page(height, width, CV_8UC1, cv::Scalar(level));
  try {
    if (!cv::imwrite(path.string(), page)) return IoError("cannot write " + path.string());
  } catch (const cv::Exception& e) {
    return IoError(std::string("imwrite: ") + e.what());
  }
  return Status::Ok();
}

void SaneTest::SetUp() {
  ASSERT_OK(UsePrivateSaneConfig());
  auto session = SaneSession::Open();
  ASSERT_OK(session);
  session_ = std::move(*session);
}

void SaneTest::OpenDevice(const std::string& name, const OptionList& options) {
  auto device = SaneDevice::Open(*session_, name);
  ASSERT_OK(device);
  device_ = std::move(*device);
  for (const auto& [option, value] : options) ASSERT_OK(device_->SetOption(option, value));
}

void SaneTest::OpenStore() {
  auto store = PageStore::Open(dir_.path() / "case");
  ASSERT_OK(store);
  store_ = std::make_unique<PageStore>(std::move(*store));
}

}  // namespace intake::capture::testing
