#include "signing/key_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "core/file_util.h"
#include "core/unique_fd.h"
#include "signing/utc_time.h"

namespace intake::signing {

namespace fs = std::filesystem;

namespace {

constexpr char kSignFile[] = "sign.key";
constexpr char kBoxFile[] = "box.key";
constexpr char kIdentityFile[] = "identity.json";
constexpr char kBackOfficeFile[] = "back-office.json";

std::string OctalMode(mode_t mode) {
  char buf[8];
  snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Reads a secret key file straight into sodium_malloc memory (never through std::string).
Result<SecretBytes> ReadSecretFile(const fs::path& path, size_t size) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return ErrnoStatus("open secret key " + path.string(), errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("stat " + path.string(), errno);
  if ((st.st_mode & 077) != 0) {
    return Status(Code::kPermissionDenied,
                  "secret key " + path.string() + " is readable by others (mode " +
                      OctalMode(st.st_mode) + "); run: chmod 600 " + path.string() +
                      " and consider the key compromised (rotate it)");
  }
  if (static_cast<size_t>(st.st_size) != size) {
    return Corrupt("secret key " + path.string() + " has " + std::to_string(st.st_size) +
                   " bytes, expected " + std::to_string(size));
  }
  INTAKE_ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::Allocate(size));
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd.get(), secret.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("read " + path.string(), errno);
    if (n == 0) return Corrupt("secret key " + path.string() + " is shorter than expected");
    done += static_cast<size_t>(n);
  }
  return secret;
}

std::string_view AsText(const SecretBytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

}  // namespace

fs::path DefaultKeyDir() {
  const char* env = std::getenv("INTAKE_KEYS_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path("/var/lib/intake/keys");
}

Status KeyStore::WriteKeys(const fs::path& dir, const SigningKeyPair& sign, const BoxKeyPair& box,
                           const PublicKeyBundle& identity) {
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / kSignFile, AsText(sign.secret()), 0600));
  INTAKE_RETURN_IF_ERROR(WriteFileAtomic(dir / kBoxFile, AsText(box.secret()), 0600));
  return WriteFileAtomic(dir / kIdentityFile, identity.ToJson(), 0644);
}

Result<KeyStore> KeyStore::Init(const fs::path& dir, std::string_view role,
                                std::string_view name) {
  if (role != kRoleWorkstation && role != kRoleBackOffice) {
    return InvalidArgument("key role must be 'workstation' or 'back-office', not '" +
                           std::string(role) + "'");
  }
  if (name.empty()) return InvalidArgument("a key store needs a name (workstation or office id)");
  std::error_code ec;
  if (fs::exists(dir / kSignFile, ec) || fs::exists(dir / kIdentityFile, ec)) {
    return Status(Code::kAlreadyExists, "keys already exist in " + dir.string() +
                                            " (use `intake keys rotate` to replace them)");
  }
  INTAKE_RETURN_IF_ERROR(MakeDirectories(dir, 0700));
  if (::chmod(dir.c_str(), 0700) != 0) return ErrnoStatus("chmod 700 " + dir.string(), errno);
  KeyStore store;
  store.dir_ = dir;
  INTAKE_ASSIGN_OR_RETURN(SigningKeyPair sign, SigningKeyPair::Generate());
  INTAKE_ASSIGN_OR_RETURN(BoxKeyPair box, BoxKeyPair::Generate());
  store.identity_.role = std::string(role);
  store.identity_.name = std::string(name);
  store.identity_.created_at = FormatUtc(Clock::now());
  store.identity_.sign_public = sign.public_key();
  store.identity_.box_public = box.public_key();
  INTAKE_RETURN_IF_ERROR(WriteKeys(dir, sign, box, store.identity_));
  store.signing_.emplace(std::move(sign));
  store.box_.emplace(std::move(box));
  return store;
}

Result<KeyStore> KeyStore::Open(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return NotFound("no key directory " + dir.string() + " (run: intake keys init)");
  }
  if ((st.st_mode & 077) != 0) {
    return Status(Code::kPermissionDenied, "key directory " + dir.string() +
                                               " is open to others (mode " + OctalMode(st.st_mode) +
                                               "); run: chmod 700 " + dir.string());
  }
  if (!fs::exists(dir / kSignFile)) {
    return NotFound("no keys in " + dir.string() + " (run: intake keys init)");
  }
  KeyStore store;
  store.dir_ = dir;
  INTAKE_ASSIGN_OR_RETURN(std::string identity_json, ReadFile(dir / kIdentityFile));
  INTAKE_ASSIGN_OR_RETURN(store.identity_, PublicKeyBundle::FromJson(identity_json));
  INTAKE_ASSIGN_OR_RETURN(SecretBytes sign_secret,
                          ReadSecretFile(dir / kSignFile, kSignSecretKeySize));
  INTAKE_ASSIGN_OR_RETURN(SigningKeyPair sign, SigningKeyPair::FromSecret(std::move(sign_secret)));
  INTAKE_ASSIGN_OR_RETURN(SecretBytes box_secret, ReadSecretFile(dir / kBoxFile, kBoxSecretKeySize));
  INTAKE_ASSIGN_OR_RETURN(BoxKeyPair box, BoxKeyPair::FromSecret(std::move(box_secret)));
  if (sign.public_key() != store.identity_.sign_public ||
      box.public_key() != store.identity_.box_public) {
    return Corrupt("identity.json in " + dir.string() + " does not match the secret keys");
  }
  store.signing_.emplace(std::move(sign));
  store.box_.emplace(std::move(box));
  return store;
}

Status KeyStore::Rotate() {
  INTAKE_ASSIGN_OR_RETURN(SigningKeyPair sign, SigningKeyPair::Generate());
  INTAKE_ASSIGN_OR_RETURN(BoxKeyPair box, BoxKeyPair::Generate());
  const auto now = Clock::now();
  fs::path retired = dir_ / "retired" / (FormatCompactUtc(now) + "-" + signing_->key_id());
  INTAKE_RETURN_IF_ERROR(MakeDirectories(retired, 0700));
  for (const char* name : {kSignFile, kBoxFile, kIdentityFile}) {
    // Hard links keep the old keys in place until the new ones are durably written.
    if (::link((dir_ / name).c_str(), (retired / name).c_str()) != 0 && errno != EEXIST) {
      return ErrnoStatus("keep old key " + std::string(name) + " in " + retired.string(), errno);
    }
  }
  INTAKE_RETURN_IF_ERROR(SyncDirectory(retired));
  PublicKeyBundle identity = identity_;
  identity.created_at = FormatUtc(now);
  identity.sign_public = sign.public_key();
  identity.box_public = box.public_key();
  INTAKE_RETURN_IF_ERROR(WriteKeys(dir_, sign, box, identity));
  identity_ = identity;
  signing_.emplace(std::move(sign));
  box_.emplace(std::move(box));
  return Status::Ok();
}

Result<BoxKeyPair> KeyStore::BoxKeyFor(std::string_view box_key_id) const {
  std::vector<fs::path> candidates = {dir_ / kBoxFile};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / "retired", ec)) {
    candidates.push_back(entry.path() / kBoxFile);
  }
  for (const fs::path& path : candidates) {
    if (!fs::exists(path, ec)) continue;
    INTAKE_ASSIGN_OR_RETURN(SecretBytes secret, ReadSecretFile(path, kBoxSecretKeySize));
    INTAKE_ASSIGN_OR_RETURN(BoxKeyPair pair, BoxKeyPair::FromSecret(std::move(secret)));
    if (pair.key_id() == box_key_id) return pair;
  }
  return NotFound("no encryption key " + std::string(box_key_id) + " in " + dir_.string() +
                  " (current or retired)");
}

Status KeyStore::TrustBackOffice(const PublicKeyBundle& back_office) {
  if (back_office.role != kRoleBackOffice) {
    return InvalidArgument("the key file is for a " + back_office.role +
                           ", not a back office; ask the back office for its exported keys");
  }
  return WriteFileAtomic(dir_ / kBackOfficeFile, back_office.ToJson(), 0644);
}

Result<PublicKeyBundle> KeyStore::BackOffice() const {
  if (!fs::exists(dir_ / kBackOfficeFile)) {
    return NotFound("no back office is configured in " + dir_.string() +
                    " (run: intake keys trust BACK_OFFICE_KEYS.json)");
  }
  INTAKE_ASSIGN_OR_RETURN(std::string json, ReadFile(dir_ / kBackOfficeFile));
  return PublicKeyBundle::FromJson(json);
}

}  // namespace intake::signing
