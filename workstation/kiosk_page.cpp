// The kiosk page: one HTML document with inline style and script (no external files, works
// offline). It polls /api/status and posts actions with the per-start token. Every text from
// the daemon is put in with textContent, never as HTML.
#include <string>

#include "workstation/kiosk_page.h"

namespace intake {

namespace {

const char kPage[] = R"HTML(<!doctype html>
<html lang="uk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Прийом документів</title>
<style>
body{font-family:"DejaVu Sans",sans-serif;margin:0;background:#f3f5f7;color:#1b1f23;font-size:20px}
header{background:#1f4e79;color:#fff;padding:14px 24px;font-size:24px;display:flex;justify-content:space-between}
main{display:grid;grid-template-columns:2fr 1fr;gap:18px;padding:18px}
section{background:#fff;border-radius:10px;padding:16px 20px;box-shadow:0 1px 3px #0002}
h2{margin:0 0 10px;font-size:22px}
button{font-size:24px;padding:22px 26px;margin:6px 8px 6px 0;border:0;border-radius:10px;
 background:#1f6fb2;color:#fff;min-width:220px;min-height:80px}
button.finish{background:#2e7d32} button.stop{background:#8d6e00} button.small{font-size:18px;min-width:0;min-height:50px;padding:10px 16px}
button:disabled{background:#9aa5b1}
select{font-size:22px;padding:14px;border-radius:8px;margin-right:8px}
.fault{background:#fdecea;color:#8b1a10;padding:14px;border-radius:8px;font-size:22px}
.message{background:#e8f5e9;color:#1b5e20;padding:14px;border-radius:8px}
.big{font-size:34px;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:18px} td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left}
.bad{color:#b71c1c} .ok{color:#2e7d32} .muted{color:#667}
#login{max-width:640px;margin:40px auto} #login select,#login input{display:block;width:100%;box-sizing:border-box;font-size:30px;padding:16px;margin:10px 0}
#who button{font-size:18px;min-width:0;min-height:40px;padding:6px 14px;margin:0 0 0 12px;background:#8d6e00}
</style></head>
<body data-token="__TOKEN__">
<header><span>Прийом документів — робоче місце <b id="ws"></b></span><span><span id="activity"></span><span id="who" hidden> · Оператор: <b id="who-name"></b><button id="logout">Вийти</button></span></span></header>
<section id="login" hidden>
 <h2>Вхід оператора</h2>
 <label for="login-operator">Оберіть себе:</label>
 <select id="login-operator"></select>
 <label for="login-pin">PIN-код:</label>
 <input id="login-pin" type="password" inputmode="numeric" autocomplete="off">
 <div id="login-error" class="fault" hidden></div>
 <button id="login-go" class="finish">Увійти</button>
</section>
<main id="desk">
<section>
 <h2>Поточна справа</h2>
 <div class="big" id="case">—</div>
 <div>Сторінок: <b id="pages">0</b></div>
 <div id="fault" class="fault" hidden></div>
 <div id="message" class="message" hidden></div>
 <div style="margin-top:14px">
  <button id="new">Нова справа</button>
  <select id="profile" aria-label="Профіль сканування"><option value="">Звичайні налаштування</option></select>
  <button id="scan">Сканувати</button>
  <button id="cancel" class="stop">Зупинити сканування</button>
  <button id="check">Перевірити</button>
  <button id="finish" class="finish">Завершити і надіслати</button>
 </div>
 <h2 style="margin-top:18px">Сторінки, які варто пересканувати</h2>
 <table><tbody id="flagged"></tbody></table>
 <h2 style="margin-top:18px">Перевірка полів</h2>
 <table><tbody id="checked"></tbody></table>
</section>
<section>
 <h2>Незавершені справи</h2><table><tbody id="open"></tbody></table>
 <h2 style="margin-top:18px">Черга надсилання</h2><table><tbody id="queue"></tbody></table>
 <h2 style="margin-top:18px">Прострочені паперові оригінали</h2><table><tbody id="overdue"></tbody></table>
</section>
</main>
<script>
"use strict";
const token = document.body.dataset.token;
const ACT = {idle:"Готово", scanning:"Сканування…", importing:"Імпорт файлів…",
  recognising:"Розпізнавання…", sealing:"Запечатування і постановка в чергу…"};
const STATE = {queued:"у черзі", uploading:"надсилається", delivered:"доставлено", purged:"закрито"};
const PROFILE = {id_card:"ID-картка (планшет, колір)", forms:"Бланки, двобічні (подавач)",
  forms_simplex:"Бланки, однобічні (подавач)", passport_booklet:"Паспорт-книжечка (планшет)",
  certificate:"Довідки і свідоцтва (планшет)"};
const $ = (id) => document.getElementById(id);
function row(tbody, cells, cls) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
  if (cls) tr.className = cls;
  tbody.appendChild(tr);
  return tr;
}
async function post(path, body) {
  try {
    const r = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json",
      "X-Intake-Token": token}, body: JSON.stringify(body || {})});
    if (!r.ok) { const e = await r.json(); show("fault", e.error_uk || e.error); }
  } catch (e) { show("fault", "Немає зв'язку зі службою intaked."); }
  refresh();
}
async function login() {
  try {
    const r = await fetch("/api/login", {method: "POST", headers: {"Content-Type": "application/json",
      "X-Intake-Token": token}, body: JSON.stringify({operator: $("login-operator").value, pin: $("login-pin").value})});
    $("login-pin").value = "";
    if (!r.ok) { const e = await r.json(); show("login-error", e.error_uk || e.error); }
    else show("login-error", "");
  } catch (e) { show("login-error", "Немає зв'язку зі службою intaked."); }
  refresh();
}
function show(id, text) { const el = $(id); el.textContent = text || ""; el.hidden = !text; }
let profilesShown = false, operatorsShown = false;
async function refresh() {
  let s;
  try { s = await (await fetch("/api/status", {cache: "no-store"})).json(); }
  catch (e) { show("fault", "Немає зв'язку зі службою intaked."); return; }
  $("ws").textContent = s.workstation;
  const lg = s.login || {required: false, operators: [], operator: null};
  const out = lg.required && !lg.operator;
  $("login").hidden = !out; $("desk").hidden = out;
  $("who").hidden = !lg.operator;
  $("who-name").textContent = lg.operator ? lg.operator.name : "";
  if (lg.required && !operatorsShown) {
    for (const o of lg.operators) { const e = document.createElement("option"); e.value = o.id; e.textContent = o.name; $("login-operator").appendChild(e); }
    operatorsShown = true;
  }
  $("activity").textContent = ACT[s.activity] || s.activity;
  const busy = s.activity !== "idle" || s.pending_requests > 0;
  for (const id of ["new", "scan", "check", "finish"]) $(id).disabled = busy;
  $("cancel").hidden = s.activity !== "scanning";
  $("case").textContent = s.case ? s.case.case_id : "немає відкритої справи";
  $("pages").textContent = s.case ? s.case.pages : 0;
  show("fault", s.fault); show("message", s.fault ? "" : s.message);
  if (!profilesShown) {
    for (const p of s.profiles) { const o = document.createElement("option"); o.value = p; o.textContent = PROFILE[p] || p; $("profile").appendChild(o); }
    profilesShown = true;
  }
  const fl = $("flagged"); fl.textContent = "";
  for (const f of (s.case ? s.case.flagged : [])) row(fl, ["стор. " + f.page, f.reasons.join(" ")], "bad");
  const ch = $("checked"); ch.textContent = "";
  for (const p of (s.case ? s.case.checked : [])) {
    const bad = p.fields.filter(f => !f.valid).map(f => f.name);
    row(ch, ["стор. " + p.page, p.blank ? "порожня" : p.doc_type,
      bad.length ? "перевірте: " + bad.join(", ") : (p.fields.length ? "поля в порядку" : "")],
      bad.length || p.needs_review ? "bad" : "ok");
  }
  const op = $("open"); op.textContent = "";
  for (const c of s.open_cases) {
    const tr = row(op, [c.case_id, c.pages + " стор."]);
    const td = document.createElement("td"); const b = document.createElement("button");
    b.className = "small"; b.textContent = "Продовжити"; b.disabled = busy;
    b.onclick = () => post("/api/cases/resume", {case_id: c.case_id});
    td.appendChild(b); tr.appendChild(td);
  }
  const q = $("queue"); q.textContent = "";
  for (const e of s.queue) row(q, [e.case_id, STATE[e.state] || e.state, e.attempts ? "спроб: " + e.attempts : ""],
    e.state === "delivered" || e.state === "purged" ? "ok" : (e.last_error ? "bad" : ""));
  const od = $("overdue"); od.textContent = "";
  if (!s.overdue.length) row(od, ["немає"], "muted");
  for (const o of s.overdue) row(od, [o.item_id, "строк " + o.due_date, "на " + o.working_days_late + " роб. дн."], "bad");
}
$("new").onclick = () => post("/api/cases");
$("login-go").onclick = login;
$("login-pin").onkeydown = (e) => { if (e.key === "Enter") login(); };
$("logout").onclick = () => post("/api/logout");
$("scan").onclick = () => post("/api/scan", $("profile").value ? {profile: $("profile").value} : {});
$("cancel").onclick = () => post("/api/scan/cancel");
$("check").onclick = () => post("/api/check");
$("finish").onclick = () => post("/api/finish");
refresh();
setInterval(refresh, 1500);
</script>
</body></html>
)HTML";

}  // namespace

std::string KioskPageHtml(const std::string& token) {
  std::string page = kPage;
  const std::string marker = "__TOKEN__";
  page.replace(page.find(marker), marker.size(), token);
  return page;
}

}  // namespace intake
