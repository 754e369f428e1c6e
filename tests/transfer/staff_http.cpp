#include "tests/transfer/staff_http.h"

#include <curl/curl.h>

#include <memory>

#include <gtest/gtest.h>

namespace intake::transfer::testing {

namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

StaffHttpReply StaffRequest(const std::string& url, const std::vector<std::string>& headers,
                            const std::string& form_body, bool must_connect) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(nullptr, &curl_slist_free_all);
  for (const auto& h : headers) list.reset(curl_slist_append(list.release(), h.c_str()));
  StaffHttpReply reply;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list.get());
  if (!form_body.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, form_body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(form_body.size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 20L);
  CURLcode rc = curl_easy_perform(curl.get());
  if (must_connect) {
    EXPECT_EQ(rc, CURLE_OK) << curl_easy_strerror(rc) << " for " << url;
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  char* type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &type);
  if (type) reply.content_type = type;
  return reply;
}

}  // namespace intake::transfer::testing
