#include "workstation/demo_setup.h"

#include "core/case_record.h"
#include "core/file_util.h"
#include "signing/key_store.h"
#include "signing/public_key_bundle.h"
#include "signing/trust_store.h"

namespace intake {

namespace fs = std::filesystem;

static Result<signing::KeyStore> OpenOrInit(const fs::path& dir, std::string_view role,
                                            std::string_view name) {
  if (fs::exists(dir / "identity.json")) return signing::KeyStore::Open(dir);
  return signing::KeyStore::Init(dir, role, name);
}

Result<WorkstationConfig> PrepareDemo(const DemoLayout& layout, const std::string& receiver_url) {
  WorkstationConfig config;
  config.workstation_id = "WS01";
  config.operator_id = "operator-1";
  config.spool_dir = layout.spool();
  config.keys_dir = layout.workstation_keys();
  config.scanner.device = "pnm:0";
  config.scanner.resolution = 300;
  config.back_office.id = "uszn-district-1";
  config.back_office.url = receiver_url;

  INTAKE_RETURN_IF_ERROR(MakeDirectories(layout.root, 0700));
  INTAKE_RETURN_IF_ERROR(MakeDirectories(layout.inbox(), 0700));
  INTAKE_ASSIGN_OR_RETURN(signing::KeyStore back_office,
                          OpenOrInit(layout.back_office_keys(), signing::kRoleBackOffice,
                                     config.back_office.id));
  INTAKE_ASSIGN_OR_RETURN(signing::KeyStore workstation,
                          OpenOrInit(layout.workstation_keys(), signing::kRoleWorkstation,
                                     config.workstation_id));
  INTAKE_RETURN_IF_ERROR(workstation.TrustBackOffice(back_office.identity()));
  INTAKE_ASSIGN_OR_RETURN(signing::TrustStore trust, signing::TrustStore::Load(layout.trust_store()));
  if (!trust.Find(workstation.identity().sign_key_id())) {
    INTAKE_RETURN_IF_ERROR(trust.Enroll(workstation.identity(), UtcNowIso8601()));
    INTAKE_RETURN_IF_ERROR(trust.Save());
  }
  INTAKE_RETURN_IF_ERROR(
      WriteFileAtomic(layout.config_file(), WorkstationConfigToJson(config), 0600));
  return config;
}

}  // namespace intake
