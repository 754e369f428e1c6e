// Paths inside a bag, as written in manifests and inside encrypted packages.
//
// A bag path is relative, '/'-separated, and must stay inside the bag: no absolute path, no
// leading '~' (home shortcut), no '..' component, no backslash-escaped dots, no drive letter
// or UNC prefix, no NUL, no empty component. Everything that writes or reads a path from an
// untrusted bag or package goes through CheckBagPath first.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace intake::signing {

// OK, or kInvalidArgument saying why `path` escapes the bag.
Status CheckBagPath(std::string_view path);

// BagIt 1.0 manifest encoding: only '%', CR and LF are percent-encoded (%25, %0D, %0A).
std::string EncodeManifestPath(std::string_view path);
std::string DecodeManifestPath(std::string_view path);

}  // namespace intake::signing
