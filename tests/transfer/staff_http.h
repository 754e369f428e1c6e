// Real HTTP for the staff view tests (libcurl): the URL path is sent exactly as written (no
// dot-segment removal, so traversal spellings reach the server) and the Host header can be set.
#pragma once

#include <string>
#include <vector>

namespace intake::transfer::testing {

struct StaffHttpReply {
  long status = 0;  // 0 = no connection
  std::string content_type;
  std::string body;
};

// `headers` are "Name: value" lines (e.g. "Host: x", "Origin: y"); a non-empty `form_body` is
// POSTed as application/x-www-form-urlencoded. EXPECTs a connection when `must_connect`.
StaffHttpReply StaffRequest(const std::string& url, const std::vector<std::string>& headers = {},
                            const std::string& form_body = "", bool must_connect = true);

}  // namespace intake::transfer::testing
