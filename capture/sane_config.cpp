#include "capture/sane_config.h"

#include <unistd.h>

#include <cstdlib>

#include "core/file_util.h"

namespace intake::capture {

namespace fs = std::filesystem;

SaneConfig EmbeddedDefaultSaneConfig() {
  SaneConfig config;
  config.backends = {"pnm", "test"};
  // Two test devices with the backend's defaults; documented in sane-test(5).
  config.backend_files["test.conf"] = "number_of_devices 2\n";
  return config;
}

Status WriteSaneConfigDir(const fs::path& dir, const SaneConfig& config) {
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir, 0755));
  std::string dll = "# Written by intake: the backends of this workstation's private SANE setup.\n";
  for (const auto& backend : config.backends) {
    if (backend.empty() || backend.find_first_of("/ \t\n") != std::string::npos)
      return InvalidArgument("SANE backend name '" + backend + "' is not a plain name");
    dll += backend + "\n";
  }
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / "dll.conf", dll));
  for (const auto& [name, content] : config.backend_files) {
    if (name.find('/') != std::string::npos || name == "dll.conf")
      return InvalidArgument("SANE config file name '" + name + "' is not allowed");
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / name, content));
  }
  // dll.d is read as well when present; an empty one keeps the system's drop-ins out.
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir / "dll.d", 0755));
  return Status::Ok();
}

Status UseSaneConfigDir(const fs::path& dir, const SaneConfig& config) {
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  if (ec) return InvalidArgument("SANE config dir " + dir.string() + ": " + ec.message());
  // No trailing ':' — a trailing separator would make SANE append the system /etc/sane.d.
  if (::setenv("SANE_CONFIG_DIR", absolute.c_str(), 1) != 0)
    return ErrnoStatus("setenv SANE_CONFIG_DIR", errno);
  if (!config.library_dirs.empty()) {
    std::string path;
    for (const auto& lib : config.library_dirs) {
      if (!path.empty()) path += ":";
      path += fs::absolute(lib, ec).string();
    }
    const char* old = std::getenv("LD_LIBRARY_PATH");
    if (old && *old) {
      if (std::string(":") + old + ":" == ":" + path + ":" ||
          std::string(old).rfind(path + ":", 0) == 0)
        return Status::Ok();  // already in front
      path += std::string(":") + old;
    }
    if (::setenv("LD_LIBRARY_PATH", path.c_str(), 1) != 0)
      return ErrnoStatus("setenv LD_LIBRARY_PATH", errno);
  }
  return Status::Ok();
}

fs::path DefaultPrivateSaneConfigDir() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime && *runtime && fs::is_directory(runtime)) return fs::path(runtime) / "intake-sane";
  return fs::path("/tmp") / ("intake-sane-" + std::to_string(::getuid()));
}

Status PrepareSaneConfigDir(const fs::path& dir, const SaneConfig& config) {
  INTAKE_RETURN_IF_ERROR(WriteSaneConfigDir(dir, config));
  return UseSaneConfigDir(dir, config);
}

}  // namespace intake::capture
