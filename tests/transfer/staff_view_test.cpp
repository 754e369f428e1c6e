// The clerk's staff view on a real in-process receiver, over real HTTP (libcurl): a delivered
// case is listed, its files open with their bytes and Content-Type, traversal in every spelling
// is refused, and requests not addressed to / not coming from this host are refused.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/case_record.h"
#include "core/file_util.h"
#include "tests/transfer/staff_http.h"
#include "tests/transfer/transfer_fixture.h"
#include "transfer/digest.h"
#include "transfer/staff_form.h"
#include "transfer/staff_page.h"
#include "transfer/staff_view.h"

namespace intake::transfer::testing {
namespace {

namespace fs = std::filesystem;
using intake::testing::TempDir;

const char kCaseId[] = "20261123-WS07-0004";
const char kPdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

using Reply = StaffHttpReply;

Reply Get(const std::string& url, const std::string& host = "", bool must_connect = true) {
  std::vector<std::string> headers;
  if (!host.empty()) headers.push_back("Host: " + host);
  return StaffRequest(url, headers, "", must_connect);
}

// Unpacks like the signing verifier would: a bag with case.json and a few page files, plus a
// symbolic link out of the case that must never be served.
PackageVerifier FakeUnpacker() {
  return [](const fs::path&, const std::string& case_id, const fs::path& dir) -> Status {
    fs::path data = dir / "bag" / "data";
    INTAKE_RETURN_IF_ERROR(MakeDirectories(data / "pages", 0750));
    CaseRecord record;
    record.case_id = case_id;
    record.workstation = "WS07";
    record.applicant["surname"] = "Шевченко";
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(data / "case.json", CaseRecordToJson(record), 0640));
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(data / "pages" / "page 001.pdf", kPdf, 0640));
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(data / "pages" / "page-001.png", "\x89PNG\r\n\x1a\nxx", 0640));
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(data / "notes.txt", "текст сторінки\n", 0640));
    INTAKE_RETURN_IF_ERROR(WriteFileAtomic(data / "page.html", "<script>alert(1)</script>", 0640));
    std::error_code ec;
    fs::create_symlink("/etc/passwd", data / "link.txt", ec);
    return ec ? IoError("symlink: " + ec.message()) : Status();
  };
}

struct StaffFixture {
  TempDir dir;
  ReceiverHandle rx;
  std::string package;
  std::string base;

  explicit StaffFixture(const std::string& listen_host = "127.0.0.1") {
    ReceiverOptions options;
    options.verifier = FakeUnpacker();
    options.http.host = listen_host;
    rx = StartReceiver(dir.path(), std::move(options));
    base = "http://127.0.0.1:" + std::to_string(rx.receiver->port());
    package = WriteRandomFile(dir.path() / "spool/c.pkg", 50'000, 31);
    auto worker = MakeWorker(dir.path() / "spool", base, rx.receipt_key);
    EXPECT_OK(worker->queue().Enqueue(kCaseId, dir.path() / "spool/c.pkg", 0, 1));
    auto stats = worker->DrainDue();
    EXPECT_OK(stats);
    EXPECT_EQ(stats.ok() ? stats->delivered : 0, 1);
  }
};

TEST(StaffViewTest, ListsADeliveredCaseAndOpensItsFiles) {
  StaffFixture f;
  ASSERT_TRUE(f.rx.receiver);
  Reply list = Get(f.base + "/staff/");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.content_type, "text/html; charset=utf-8");
  EXPECT_NE(list.body.find("Отримані справи"), std::string::npos);
  EXPECT_NE(list.body.find(std::string("/staff/cases/") + kCaseId), std::string::npos);
  EXPECT_NE(list.body.find("<td>WS07</td>"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find(Sha256Hex(f.package).substr(0, 12)), std::string::npos);
  EXPECT_NE(list.body.find("видано"), std::string::npos);
  EXPECT_EQ(list.body.find("Шевченко"), std::string::npos) << "applicant data on the list";

  Reply page = Get(f.base + "/staff/cases/" + kCaseId);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("sha256:" + Sha256Hex(f.package)), std::string::npos);
  EXPECT_NE(page.body.find("files/bag/data/pages/page%20001.pdf"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("files/package.bin"), std::string::npos);

  const std::string files = f.base + "/staff/cases/" + kCaseId + "/files/";
  Reply pdf = Get(files + "bag/data/pages/page%20001.pdf");  // the link as the page wrote it
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body, kPdf);
  Reply png = Get(files + "bag/data/pages/page-001.png");
  EXPECT_EQ(png.status, 200);
  EXPECT_EQ(png.content_type, "image/png");
  Reply text = Get(files + "bag/data/notes.txt");
  EXPECT_EQ(text.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(text.body, "текст сторінки\n");
  Reply bin = Get(files + "package.bin");
  EXPECT_EQ(bin.status, 200);
  EXPECT_EQ(bin.content_type, "application/octet-stream");
  EXPECT_EQ(bin.body, f.package);
  EXPECT_EQ(Get(files + "bag/data/page.html").content_type, "application/octet-stream");
  EXPECT_EQ(Get(files + "bag/data/missing.pdf").status, 404);
  EXPECT_EQ(Get(f.base + "/staff/cases/20261123-WS07-0099").status, 404);
}

TEST(StaffViewTest, TraversalIsRefusedInEverySpelling) {
  StaffFixture f;
  ASSERT_TRUE(f.rx.receiver);
  // A file beside the inbox that traversal would reach.
  ASSERT_OK(WriteFileAtomic(f.dir.path() / "secret.txt", "secret", 0640));
  const std::string files = f.base + "/staff/cases/" + kCaseId + "/files/";
  for (const std::string& path :
       {files + "../receipt.txt", files + "../../secret.txt", files + "bag/../../../secret.txt",
        files + "%2e%2e/%2e%2e/%2e%2e/secret.txt", files + "..%2f..%2f..%2fsecret.txt",
        files + "%2E%2E%2F%2E%2E%2Fsecret.txt", files + "/etc/passwd", files + "%2fetc%2fpasswd",
        files + "bag/./data/notes.txt", files + "bag//data/notes.txt",
        files + "..%5c..%5csecret.txt", files + "bag/data/link.txt",
        f.base + "/staff/cases/../secret.txt", f.base + "/staff/cases/%2e%2e/secret.txt",
        f.base + "/staff/cases/.uploads/files/x"}) {
    Reply r = Get(path);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << path << " -> " << r.status;
    EXPECT_EQ(r.body.find("secret\n"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
  }
  EXPECT_EQ(Get(files + "bag/data/notes.txt").status, 200);  // the plain spelling still opens
}

TEST(StaffViewTest, WrongHostHeaderIsRefused) {
  StaffFixture f;
  ASSERT_TRUE(f.rx.receiver);
  const std::string port = std::to_string(f.rx.receiver->port());
  EXPECT_EQ(Get(f.base + "/staff/", "localhost:" + port).status, 200);
  EXPECT_EQ(Get(f.base + "/staff/", "attacker.example:" + port).status, 400);
  EXPECT_EQ(Get(f.base + "/staff/", "127.0.0.1:1").status, 400);
  Reply r = Get(f.base + "/staff/cases/" + std::string(kCaseId), "rebind.example");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body.find(kCaseId), std::string::npos);
}

// The receiver listens on every interface; a request reaching it through this machine's
// network address (not loopback) is refused even with the right Host.
TEST(StaffViewTest, NonLoopbackClientIsRefused) {
  std::string address;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) == 0) {
    for (ifaddrs* a = list; a && address.empty(); a = a->ifa_next) {
      if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
      char text[INET_ADDRSTRLEN] = {};
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
      if (std::string(text).rfind("127.", 0) != 0) address = text;
    }
    freeifaddrs(list);
  }
  if (address.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
  StaffFixture f("0.0.0.0");
  ASSERT_TRUE(f.rx.receiver);
  const std::string port = std::to_string(f.rx.receiver->port());
  Reply remote = Get("http://" + address + ":" + port + "/staff/", "127.0.0.1:" + port, false);
  if (remote.status == 0)
    GTEST_SKIP() << "cannot connect to this machine's own address " << address << " (firewalled)";
  EXPECT_EQ(remote.status, 403) << "from " << address;
  EXPECT_EQ(remote.body.find(kCaseId), std::string::npos);
  Reply file = Get("http://" + address + ":" + port + "/staff/cases/" + kCaseId +
                   "/files/package.bin", "127.0.0.1:" + port);
  EXPECT_EQ(file.status, 403);
  EXPECT_EQ(Get(f.base + "/staff/").status, 200);  // the same server, from this host
}

// The same check where a second interface is not reachable: the view itself refuses a client
// address that is not loopback, before anything else (right Host, existing case).
TEST(StaffViewTest, NonLoopbackAddressIsRefusedByTheView) {
  StaffFixture f;
  ASSERT_TRUE(f.rx.receiver);
  StaffView view(f.rx.receiver->filer(), [&] { return f.rx.receiver->port(); }, "BO");
  HttpRequestHead head;
  head.method = "GET";
  head.path = std::string("/staff/cases/") + kCaseId + "/files/package.bin";
  head.headers["host"] = "127.0.0.1:" + std::to_string(f.rx.receiver->port());
  head.remote_ip = "127.0.0.1";
  EXPECT_EQ(view.Handle(head).status, 200);
  for (const char* ip : {"192.0.2.7", "10.0.0.5", "", "::1"}) {
    head.remote_ip = ip;
    HttpReply reply = view.Handle(head);
    EXPECT_EQ(reply.status, 403) << ip;
    EXPECT_NE(reply.body, f.package);
  }
  head.remote_ip = "127.0.0.1";
  head.method = "POST";
  EXPECT_EQ(view.Handle(head).status, 405);
}

TEST(StaffPageTest, EscapesWhatComesFromTheCaseFolder) {
  StaffCaseSummary c;
  c.case_id = "C1";
  c.workstation = "<b>WS</b>";
  std::string page = StaffCasePageHtml(c, {{"bag/data/<x>\"y\".pdf", 10}});
  EXPECT_EQ(page.find("<b>WS</b>"), std::string::npos);
  EXPECT_NE(page.find("&lt;b&gt;WS&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page.find("files/bag/data/%3Cx%3E%22y%22.pdf\""), std::string::npos) << page;
  EXPECT_NE(page.find("немає"), std::string::npos);  // no receipt
  EXPECT_EQ(StaffContentType("a/B.PDF"), "application/pdf");
  EXPECT_EQ(StaffContentType("a.pdf/x"), "application/octet-stream");
}

TEST(StaffFormTest, ParsesAnUrlencodedBody) {
  auto f = ParseFormBody("typed=R-1%0D%0A20261124-WS01-0001&clerk=K+7&bad=%zz%4&empty&token=ab");
  EXPECT_EQ(f["typed"], "R-1\r\n20261124-WS01-0001");
  EXPECT_EQ(f["clerk"], "K 7");
  EXPECT_EQ(f["bad"], "%zz%4");
  EXPECT_EQ(f.count("empty"), 1u);
  EXPECT_EQ(f["token"], "ab");
}

}  // namespace
}  // namespace intake::transfer::testing
