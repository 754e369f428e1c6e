// Helpers for the signing tests: a small but realistic case folder and file edits.
#pragma once

#include <filesystem>
#include <string>

namespace intake::signing::testing {

// Writes a case folder like docs/case-layout.md describes: case.json, pages/, ocr/,
// documents/, brought/ (with binary content, including a 300 KiB page so files span several
// copy blocks and package frames).
void MakeCaseFolder(const std::filesystem::path& dir, const std::string& case_id);

std::string Slurp(const std::filesystem::path& path);
void Spit(const std::filesystem::path& path, const std::string& content);
// Flips one bit of the byte at `offset` (negative: from the end).
void FlipBit(const std::filesystem::path& path, long offset);

}  // namespace intake::signing::testing
