// Drives the kiosk page in a browser DOM (jsdom) against a running intaked, the way an
// operator would: loads the page, picks a profile, presses "Сканувати", and checks what the
// screen then shows. Usage: node kiosk_page_check.mjs http://127.0.0.1:PORT/ [login]
// With "login" the kiosk has operators (PIN 2468 for "Олена Т."): the login panel is driven
// first (a wrong PIN, then the right one) and "Вийти" at the end brings the panel back.
// Exit 0 when every check holds; otherwise prints the failed check and exits 1.
import { JSDOM } from "jsdom";

const base = process.argv[2];
const withLogin = process.argv[3] === "login";
const fail = (what) => { console.log("FAIL: " + what); process.exit(1); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const html = await (await fetch(base)).text();
const dom = new JSDOM(html, {
  url: base, runScripts: "dangerously", pretendToBeVisual: true,
  beforeParse(w) { w.fetch = (u, o) => fetch(new URL(u, base), o); },
});
const w = dom.window;
const $ = (id) => w.document.getElementById(id);
async function until(check, what, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return;
  fail(what + " (screen: case=" + $("case").textContent + " pages=" + $("pages").textContent +
       " fault=" + $("fault").textContent + " message=" + $("message").textContent + ")");
}

await until(() => $("ws").textContent === "WS01", "the workstation id is shown");
if (withLogin) {
  if ($("login").hidden || !$("desk").hidden) fail("the login panel replaces the desk before a login");
  const names = [...$("login-operator").options].map((o) => o.textContent);
  if (!names.includes("Олена Т.")) fail("operators are offered by name: " + names);
  $("login-operator").value = "olena-t";
  $("login-pin").value = "1111";
  $("login-go").click();
  await until(() => $("login-error").textContent.includes("Неправильний PIN-код"), "a wrong PIN is explained");
  if ($("login").hidden) fail("a wrong PIN keeps the login panel");
  $("login-pin").value = "2468";
  $("login-go").click();
  await until(() => $("login").hidden && !$("desk").hidden, "the right PIN opens the desk");
  if ($("who-name").textContent !== "Олена Т.") fail("the operator's name is shown: " + $("who-name").textContent);
  if ($("login-pin").value !== "") fail("the PIN field is cleared");
}
if ($("case").textContent !== "немає відкритої справи") fail("no case is open at first");
for (const id of ["new", "scan", "check", "finish"]) if ($(id).disabled) fail(id + " is enabled when idle");
const labels = [...$("profile").options].map((o) => o.textContent);
if (!labels.includes("Бланки, однобічні (подавач)")) fail("profiles are offered in Ukrainian: " + labels);

$("profile").value = "forms_simplex";
$("scan").click();
await until(() => $("pages").textContent === "1" && $("activity").textContent === "Готово",
            "one page arrives after Сканувати");
if (!/^\d{8}-WS01-\d{4}$/.test($("case").textContent)) fail("the case id is shown");
if (!$("message").textContent.includes("Додано сторінок: 1")) fail("the result is shown: " + $("message").textContent);
if ($("flagged").rows.length !== 1) fail("the nearly blank page is listed for a rescan");
if (!$("flagged").textContent.includes("майже порожня")) fail("with its reason in Ukrainian");

$("scan").click();  // the feeder is empty now: the instruction must be shown, nothing lost
await until(() => $("fault").textContent.includes("паперу"), "an empty feeder is explained");
if ($("pages").textContent !== "1") fail("the page captured before stays");
if ($("overdue").textContent !== "немає") fail("no overdue paper is shown as 'немає'");
if (withLogin) {
  $("logout").click();
  await until(() => !$("login").hidden && $("desk").hidden, "Вийти brings the login panel back");
}
console.log("OK");
w.close();
process.exit(0);
