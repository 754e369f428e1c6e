#include "transfer/request_auth.h"

#include "transfer/digest.h"

namespace intake::transfer {

std::string RequestSignedBytes(std::string_view method, std::string_view path,
                               std::string_view date, std::string_view upload_offset,
                               std::string_view upload_length) {
  std::string out = "intake-request-v1\n";
  for (std::string_view part : {method, path, date, upload_offset, upload_length}) {
    out.append(part);
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> SignRequest(const SigningKey& key, std::string_view method,
                                     std::string_view path, int64_t now,
                                     std::string_view upload_offset, std::string_view upload_length) {
  std::string date = std::to_string(now);
  std::string signature =
      key.Sign(RequestSignedBytes(method, path, date, upload_offset, upload_length));
  return {"Intake-Key-Id: " + key.key_id(), "Intake-Date: " + date,
          "Intake-Signature: " + Base64Encode(signature)};
}

std::string UrlPath(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string_view::npos) return "/";
  std::string_view path = url.substr(start);
  size_t query = path.find_first_of("?#");
  return std::string(path.substr(0, query));
}

}  // namespace intake::transfer
