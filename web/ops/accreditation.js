// Officer page: find people, issue, suspend, revoke and reprint cards, import and
// export CSV, watch scans. Every change is a POST that the server stores as an
// observation with the token's label as its author (docs/api.md).
"use strict";
const $ = (id) => document.getElementById(id);
$("token").value = sessionStorage.getItem("acr.officer") || "";
$("token").addEventListener("change", () => sessionStorage.setItem("acr.officer", $("token").value));

function auth(extra) {
  return Object.assign({ "Authorization": "Bearer " + $("token").value.trim() }, extra || {});
}

async function api(method, path, body, type) {
  const init = { method: method, headers: auth(body !== undefined ? { "Content-Type": type || "application/json" } : {}) };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const r = await fetch(path, init);
  const isJson = (r.headers.get("Content-Type") || "").startsWith("application/json");
  const data = isJson ? await r.json() : await r.text();
  if (!r.ok) {
    const e = new Error(isJson ? data.message : String(data));
    e.data = data;
    throw e;
  }
  return data;
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

async function find(ev) {
  if (ev) ev.preventDefault();
  const tbody = $("results");
  tbody.textContent = "";
  try {
    const data = await api("GET", "/api/access/people?limit=50&q=" + encodeURIComponent($("q").value));
    $("found").textContent = data.total + " found of " + data.people_count;
    for (const p of data.people) {
      const tr = document.createElement("tr");
      tr.className = "pick";
      for (const v of [p.id, p.name, p.org_type + " " + p.organisation, p.category, p.card]) cell(tr, v);
      cell(tr, p.state, "state-" + p.state);
      tr.addEventListener("click", () => open(p.id));
      tbody.appendChild(tr);
    }
  } catch (e) {
    $("found").textContent = e.message;
  }
}

let current = null;

async function open(id) {
  current = id;
  $("person-error").textContent = "";
  $("card-token").textContent = "";
  const p = await api("GET", "/api/access/people/" + encodeURIComponent(id));
  $("person").hidden = false;
  $("person-title").textContent = p.name + " (" + p.id + ")";
  const info = $("person-info");
  info.textContent = "";
  const fields = [["Organisation", p.org_type + " " + p.organisation], ["Category", p.category],
    ["Venues", p.venues.join(", ")], ["Zones", p.zones.join(", ")], ["Transport", p.transport || "none"],
    ["Dining", p.dining ? "yes" : "no"], ["Valid", p.valid_from + " to " + p.valid_to],
    ["Photo", p.photo || "none"], ["Last change", "seq " + p.changed_seq + " by " + (p.changed_by || "?")]];
  for (const [k, v] of fields) {
    const l = document.createElement("label");
    l.textContent = k;
    const s = document.createElement("span");
    s.textContent = v;
    l.appendChild(s);
    info.appendChild(l);
  }
  const tbody = $("cards");
  tbody.textContent = "";
  for (const c of p.cards.slice().reverse()) {
    const tr = document.createElement("tr");
    cell(tr, c.serial);
    cell(tr, c.state, "state-" + c.state);
    cell(tr, c.issued_seq);
    const td = cell(tr, "");
    const actions = { issued: ["suspend", "lost", "revoke"], suspended: ["reinstate", "lost", "revoke"] };
    for (const a of actions[c.state] || []) {
      const b = document.createElement("button");
      b.textContent = a === "lost" ? "report lost" : a;
      b.className = a === "revoke" ? "danger" : "secondary";
      b.addEventListener("click", () => change("/api/access/cards/" + c.serial + "/" + a));
      td.appendChild(b);
    }
    const t = document.createElement("button");
    t.textContent = "token";
    t.className = "secondary";
    t.addEventListener("click", async () => {
      const tok = await api("GET", "/api/access/cards/" + c.serial + "/token");
      $("card-token").textContent = tok.token;
    });
    td.appendChild(t);
    tbody.appendChild(tr);
  }
}

async function change(path) {
  try {
    await api("POST", path);
    await open(current);
    find();
  } catch (e) {
    $("person-error").textContent = e.message;
  }
}

$("reprint").addEventListener("click", () => change("/api/access/people/" + encodeURIComponent(current) + "/issue"));
$("find").addEventListener("submit", find);

$("add").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const list = (s) => s.split(";").map((x) => x.trim()).filter((x) => x);
  const person = {
    id: f.get("id"), name: f.get("name"), org_type: f.get("org_type"),
    organisation: f.get("organisation"), category: f.get("category"),
    venues: list(f.get("venues")), zones: list(f.get("zones")), transport: f.get("transport"),
    dining: f.get("dining") === "yes", valid_from: f.get("valid_from"), valid_to: f.get("valid_to"),
    photo: f.get("photo"),
  };
  try {
    const r = await api("POST", "/api/access/people", person);
    $("add-result").textContent = "saved (seq " + r.seq + ")";
    open(person.id);
  } catch (e) {
    $("add-result").textContent = e.message;
  }
});

$("import").addEventListener("click", async () => {
  const file = $("csv").files[0];
  const tbody = $("bulk-errors");
  tbody.textContent = "";
  if (!file) return;
  try {
    const r = await api("POST", "/api/access/import", await file.text(), "text/csv");
    $("bulk-result").textContent = r.people + " people imported (seq " + r.seq + ")";
  } catch (e) {
    $("bulk-result").textContent = e.message;
    for (const err of (e.data && e.data.errors) || []) {
      const tr = document.createElement("tr");
      cell(tr, "line " + err.line);
      cell(tr, err.field);
      cell(tr, err.message, "error");
      tbody.appendChild(tr);
    }
  }
});

$("export").addEventListener("click", async () => {
  try {
    const csv = await api("GET", "/api/access/export");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    a.download = "accreditation.csv";
    a.click();
  } catch (e) {
    $("bulk-result").textContent = e.message;
  }
});

$("scans").addEventListener("click", async () => {
  try {
    const s = await api("GET", "/api/access/scans");
    $("scan-counts").textContent = s.checks + " checks since start; recorded " + s.recorded_allow +
      " allowed, " + s.recorded_deny + " denied; " + s.pending + " waiting to be recorded";
    const tbody = $("recent");
    tbody.textContent = "";
    for (const r of s.recent) {
      const tr = document.createElement("tr");
      cell(tr, new Date(r.at_ms).toISOString().slice(11, 19));
      for (const v of [r.card, r.venue, r.zone]) cell(tr, v);
      cell(tr, r.reason, r.reason === "ok" ? "state-issued" : "state-revoked");
      tbody.appendChild(tr);
    }
  } catch (e) {
    $("scan-counts").textContent = e.message;
  }
});
