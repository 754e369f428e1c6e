// Flag parsing for intake-receiver (kept out of main.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "transfer/receiver.h"

namespace intake::receiver_app {

extern const char kUsage[];

struct ServeConfig {
  transfer::ReceiverOptions options;
  std::filesystem::path keys_dir;
  std::filesystem::path inbox;
  std::filesystem::path port_file;
  std::filesystem::path paper_book;  // set = the staff view's paper form
  std::string back_office;           // as paper registers name this office
};

Result<ServeConfig> ParseServeFlags(std::vector<std::string> args);
Status WritePortFile(const std::filesystem::path& file, uint16_t port);

}  // namespace intake::receiver_app
