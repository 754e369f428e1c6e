// The transmittal register (реєстр передачі): the list of cases and paper items sent to one
// back office in one batch, with the register's own QR code, printed in two copies (one stays
// at the front office, one goes with the courier), each with signature lines for the sender,
// the courier and the receiver.
//
// Thread safety: reentrant.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "paper/paper_code.h"
#include "paper/paper_ledger.h"

namespace intake::paper {

// The cases and item numbers of a register, for its code.
std::vector<CaseItems> RegisterCasesOf(const RegisterInfo& reg);
Result<std::string> RegisterCodeOf(const RegisterInfo& reg);

// PDF bytes: copy 1 then copy 2, each on as many pages as the items need.
Result<std::string> RenderRegisterPdf(const RegisterInfo& reg, const std::string& front_office);

Status WriteRegisterPdf(const RegisterInfo& reg, const std::string& front_office,
                        const std::filesystem::path& out);

}  // namespace intake::paper
