// libFuzzer target: bagit.txt and bag-info.txt, through every tag file encoding path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "signing/tag_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace intake::signing;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decl = ParseBagDeclaration(bytes);
  if (decl.ok() && (decl->encoding.empty() || decl->version.empty())) std::abort();
  for (const char* encoding : {"UTF-8", "ISO-8859-1", "UTF-16"}) {
    auto text = DecodeTagFile(bytes, encoding);
    if (!text.ok()) continue;
    auto fields = ParseBagInfo(*text);
    if (!fields.ok()) continue;
    for (const TagField& f : *fields) {
      if (f.first.empty()) std::abort();
    }
  }
  return 0;
}
