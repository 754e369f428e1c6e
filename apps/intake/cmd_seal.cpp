// intake seal CASE_DIR --out BAG [--package FILE] [--keys DIR]
// Seals a case folder into a signed BagIt bag; with --package also encrypts it to the
// configured back office.
#include <iostream>

#include "apps/intake/command.h"
#include "signing/bag_sealer.h"
#include "signing/key_store.h"
#include "signing/package_crypto.h"

namespace intake::cli {
namespace {

namespace sg = intake::signing;

constexpr char kUsage[] =
    "usage: intake seal CASE_DIR --out BAG [--package FILE] [--keys DIR]\n"
    "  BAG      the signed BagIt bag to create (must not exist)\n"
    "  FILE     also write the bag encrypted to the trusted back office (intake keys trust)\n"
    "  DIR      the workstation key directory ($INTAKE_KEYS_DIR or /var/lib/intake/keys)";

int Run(const Args& in) {
  Args args = in;
  std::string out, package, dir = sg::DefaultKeyDir().string();
  TakeOption(args, "--out", &out);
  TakeOption(args, "--package", &package);
  TakeOption(args, "--keys", &dir);
  if (args.size() != 1 || out.empty()) return Fail("seal", kUsage, 2);
  Result<sg::KeyStore> keys = sg::KeyStore::Open(dir);
  if (!keys.ok()) return Fail("seal", keys.status().ToString());
  sg::PublicKeyBundle back_office;
  if (!package.empty()) {
    Result<sg::PublicKeyBundle> bo = keys->BackOffice();
    if (!bo.ok()) return Fail("seal", bo.status().ToString());
    back_office = *bo;
  }
  sg::Ed25519Signer signer(keys->signing_key());
  Result<sg::SealResult> sealed = sg::SealCase(args[0], out, signer);
  if (!sealed.ok()) return Fail("seal", sealed.status().ToString());
  std::cout << "sealed case " << sealed->case_id << " into " << sealed->bag_dir.string() << " ("
            << sealed->payload_files << " files, " << sealed->payload_bytes
            << " bytes), signed by key " << sealed->key_id << "\n";
  if (package.empty()) return 0;
  Result<sg::PackageInfo> info =
      sg::EncryptPackage(out, back_office.box_public, sealed->case_id, package);
  if (!info.ok()) return Fail("seal", info.status().ToString());
  std::cout << "encrypted package " << package << " (" << info->package_bytes
            << " bytes) for back office " << back_office.name << " key " << info->recipient_key_id
            << "\n";
  return 0;
}

const CommandRegistration kRegistration("seal", "seal a case folder into a signed (and encrypted) e-case package", Run);

}  // namespace
}  // namespace intake::cli
