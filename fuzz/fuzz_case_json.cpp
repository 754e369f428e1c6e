// libFuzzer target: the JSON and text documents that cross between offices: case.json, public
// key files, the trust store, receipts and bag signature files.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "signing/bag_signature.h"
#include "signing/case_record.h"
#include "signing/public_key_bundle.h"
#include "signing/receipt.h"
#include "signing/trust_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace intake::signing;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto c = ParseCaseJson(text);
  if (c.ok() && !IsValidCaseId(c->case_id)) std::abort();
  auto bundle = PublicKeyBundle::FromJson(text);
  if (bundle.ok()) {
    auto again = PublicKeyBundle::FromJson(bundle->ToJson());
    if (!again.ok() || again->sign_public != bundle->sign_public) std::abort();
  }
  (void)TrustStore::ParseJson(text);
  (void)ParseReceipt(text);
  auto sig = ParseBagSignature(text);
  if (sig.ok()) {
    auto again = ParseBagSignature(FormatBagSignature(*sig));
    if (!again.ok() || again->bytes != sig->bytes) std::abort();
  }
  return 0;
}
