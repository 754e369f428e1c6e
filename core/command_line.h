// Taking options out of a program's argument list: "--flag VALUE" and "--flag=VALUE".
// Shared by every intake program so each parses options the same way.
//
// Each Take* removes what it found from `args`, so what remains at the end is what no option
// claimed (the caller reports it as unknown). Thread safety: pure functions over `args`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace intake {

bool TakeFlag(std::vector<std::string>& args, const std::string& flag);
bool TakeOption(std::vector<std::string>& args, const std::string& flag, std::string* value);
std::vector<std::string> TakeRepeatedOption(std::vector<std::string>& args,
                                            const std::string& flag);

// A whole non-negative decimal number; kInvalidArgument naming `flag` otherwise.
Result<int64_t> ParseNonNegative(const std::string& flag, const std::string& text);

}  // namespace intake
