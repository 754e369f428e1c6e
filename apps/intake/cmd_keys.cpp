// intake keys: the workstation's and the back office's keys, and the back office's trust
// store of enrolled workstations.
#include <iostream>

#include "apps/intake/command.h"
#include "core/file_util.h"
#include "signing/key_store.h"
#include "signing/trust_store.h"
#include "signing/utc_time.h"

namespace intake::cli {
namespace {

namespace sg = intake::signing;

constexpr char kUsage[] =
    "usage: intake keys init --role workstation|back-office --name NAME [--keys DIR]\n"
    "       intake keys show [--keys DIR]\n"
    "       intake keys export [--keys DIR] [--out FILE]   (public keys, to give the other side)\n"
    "       intake keys rotate [--keys DIR]\n"
    "       intake keys trust BACK_OFFICE_KEYS.json [--keys DIR]      (workstation)\n"
    "       intake keys enroll WORKSTATION_KEYS.json --trust-store FILE (back office)\n"
    "       intake keys revoke KEY_ID --trust-store FILE [--reason TEXT] (back office)\n"
    "       intake keys list --trust-store FILE                         (back office)\n"
    "DIR defaults to $INTAKE_KEYS_DIR or /var/lib/intake/keys.";

void PrintBundle(const sg::PublicKeyBundle& b, const char* title) {
  std::cout << title << ": " << b.role << " " << b.name << "\n"
            << "  signing key (Ed25519)    " << b.sign_key_id() << "\n"
            << "  encryption key (X25519)  " << b.box_key_id() << "\n"
            << "  created                  " << b.created_at << "\n";
}

int RunTrustStore(const std::string& verb, Args& args) {
  std::string path;
  if (!TakeOption(args, "--trust-store", &path)) return Fail("keys", "--trust-store FILE is required", 2);
  std::string reason;
  TakeOption(args, "--reason", &reason);
  Result<sg::TrustStore> store = sg::TrustStore::Load(path);
  if (!store.ok()) return Fail("keys", store.status().ToString());
  const std::string now = sg::FormatUtc(sg::Clock::now());
  if (verb == "list") {
    for (const sg::TrustedKey& k : store->keys()) {
      std::cout << k.key_id << "  " << k.name << "  enrolled " << k.enrolled_at
                << (k.revoked_at ? "  REVOKED " + *k.revoked_at + " " + k.revocation_reason : "")
                << "\n";
    }
    return 0;
  }
  if (args.size() != 1) return Fail("keys", kUsage, 2);
  Status s;
  if (verb == "enroll") {
    Result<std::string> json = ReadFile(args[0]);
    if (!json.ok()) return Fail("keys", json.status().ToString());
    Result<sg::PublicKeyBundle> bundle = sg::PublicKeyBundle::FromJson(*json);
    if (!bundle.ok()) return Fail("keys", bundle.status().ToString());
    s = store->Enroll(*bundle, now);
    if (s.ok()) std::cout << "enrolled " << bundle->name << " key " << bundle->sign_key_id() << "\n";
  } else {
    s = store->Revoke(args[0], reason.empty() ? "revoked by operator" : reason, now);
    if (s.ok()) std::cout << "revoked " << args[0] << "\n";
  }
  if (s.ok()) s = store->Save();
  return s.ok() ? 0 : Fail("keys", s.ToString());
}

int Run(const Args& in) {
  Args args = in;
  if (args.empty()) return Fail("keys", kUsage, 2);
  const std::string verb = args[0];
  args.erase(args.begin());
  if (verb == "enroll" || verb == "revoke" || verb == "list") return RunTrustStore(verb, args);
  std::string dir = sg::DefaultKeyDir().string();
  TakeOption(args, "--keys", &dir);
  if (verb == "init") {
    std::string role, name;
    TakeOption(args, "--role", &role);
    TakeOption(args, "--name", &name);
    if (role.empty() || name.empty() || !args.empty()) return Fail("keys", kUsage, 2);
    Result<sg::KeyStore> store = sg::KeyStore::Init(dir, role, name);
    if (!store.ok()) return Fail("keys", store.status().ToString());
    PrintBundle(store->identity(), ("created keys in " + dir).c_str());
    return 0;
  }
  Result<sg::KeyStore> store = sg::KeyStore::Open(dir);
  if (!store.ok()) return Fail("keys", store.status().ToString());
  if (verb == "show" && args.empty()) {
    PrintBundle(store->identity(), "this party");
    Result<sg::PublicKeyBundle> bo = store->BackOffice();
    if (bo.ok()) PrintBundle(*bo, "trusted back office");
    return 0;
  }
  if (verb == "export") {
    std::string out;
    TakeOption(args, "--out", &out);
    if (!args.empty()) return Fail("keys", kUsage, 2);
    const std::string json = store->identity().ToJson();
    if (out.empty()) {
      std::cout << json;
      return 0;
    }
    Status s = WriteFileAtomic(out, json, 0644);
    return s.ok() ? 0 : Fail("keys", s.ToString());
  }
  if (verb == "rotate" && args.empty()) {
    const std::string old_id = store->identity().sign_key_id();
    Status s = store->Rotate();
    if (!s.ok()) return Fail("keys", s.ToString());
    std::cout << "retired signing key " << old_id << "\n";
    PrintBundle(store->identity(), "new keys (export and enrol them at the other side)");
    return 0;
  }
  if (verb == "trust" && args.size() == 1) {
    Result<std::string> json = ReadFile(args[0]);
    if (!json.ok()) return Fail("keys", json.status().ToString());
    Result<sg::PublicKeyBundle> bundle = sg::PublicKeyBundle::FromJson(*json);
    if (!bundle.ok()) return Fail("keys", bundle.status().ToString());
    Status s = store->TrustBackOffice(*bundle);
    if (!s.ok()) return Fail("keys", s.ToString());
    PrintBundle(*bundle, "now trusting back office");
    return 0;
  }
  return Fail("keys", kUsage, 2);
}

const CommandRegistration kRegistration("keys", "workstation/back-office keys and the trust store",
                                        Run);

}  // namespace
}  // namespace intake::cli
