// Flag parsing for intake-transferd (kept out of main.cpp).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "signing/key_store.h"
#include "transfer/transfer_worker.h"

namespace intake::transferd_app {

extern const char kUsage[];

struct DaemonConfig {
  std::filesystem::path spool;
  transfer::TransferWorkerOptions worker;
  std::optional<signing::KeyStore> keys;  // the workstation's key store (signs requests)
  bool once = false;
  int poll_seconds = 5;
  int64_t retention_days = -1;  // purge delivered packages older than this; -1 = keep
};

Result<DaemonConfig> ParseFlags(std::vector<std::string> args);

}  // namespace intake::transferd_app
